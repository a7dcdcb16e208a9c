package dev.warren.sample.feed;

import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.sample.SampleResources;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.resource.ResourceException;

/**
 * Publishes feed imports with {@link FeedProducer} on a pooled connection from the deployer's factory.
 * Inside the EJB's transaction the publish is an AMQP transaction committed with it.
 */
@Stateless
public class FeedImportService {

    @Resource(lookup = SampleResources.FACTORY)
    private WarrenConnectionFactory factory;

    /**
     * @param url the feed URL to import
     * @throws ResourceException when no pooled connection can be had (broker down, pool exhausted)
     */
    public void importFeed(String url) throws ResourceException {
        try (WarrenConnection connection = factory.getConnection()) {
            new FeedProducer(connection).importFeed(url);
        }
    }
}
