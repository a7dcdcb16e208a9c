package dev.warren.sample.media;

import dev.warren.Producer;
import dev.warren.PublishOptions;
import dev.warren.jca.ExchangeDefinition;
import dev.warren.jca.QueueDefinition;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.sample.SampleResources;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.resource.ResourceException;

import java.util.Map;

/**
 * The seeds' media producer: publishes to the deployer's media exchange (an {@link ExchangeDefinition} admin
 * object), declaring the deployer's queues before the first publish on each pooled channel (kombu's
 * {@code declare=[...]}), so nothing published before a consumer starts is lost.
 *
 * <p>Structured bodies use the connection factory's default serializer (json in the demo) unless the caller
 * names one per message (yaml, msgpack …). Raw bytes go as they are with an explicit content type and
 * encoding.
 */
@Stateless
public class MediaService {

    @Resource(lookup = SampleResources.FACTORY)
    private WarrenConnectionFactory factory;
    @Resource(lookup = SampleResources.MEDIA_EXCHANGE)
    private ExchangeDefinition media;
    @Resource(lookup = SampleResources.VIDEO_QUEUE)
    private QueueDefinition video;
    @Resource(lookup = SampleResources.IMAGE_QUEUE)
    private QueueDefinition image;
    @Resource(lookup = SampleResources.INBOX_QUEUE)
    private QueueDefinition inbox;

    /**
     * @param routingKey video, image, inbox …
     * @param body the structured body
     * @param serializer the serializer for this message, or null for the factory's default
     * @throws ResourceException when no pooled connection can be had
     */
    public void publish(String routingKey, Map<String, Object> body, String serializer) throws ResourceException {
        PublishOptions options = options(routingKey);
        if (serializer != null && !serializer.isBlank()) {
            options = options.serializer(serializer);
        }
        try (WarrenConnection connection = factory.getConnection()) {
            producer(connection).publish(body, options);
        }
    }

    /**
     * Publishes raw data untouched, e.g. a JPEG image: {@code contentType image/jpeg, contentEncoding binary}.
     *
     * @param routingKey the routing key
     * @param data the bytes
     * @param contentType their content type
     * @throws ResourceException when no pooled connection can be had
     */
    public void publishRaw(String routingKey, byte[] data, String contentType) throws ResourceException {
        try (WarrenConnection connection = factory.getConnection()) {
            producer(connection).publish(data, options(routingKey).contentType(contentType).contentEncoding("binary"));
        }
    }

    private Producer producer(WarrenConnection connection) {
        return connection.producer(media.toExchange());
    }

    private PublishOptions options(String routingKey) {
        return PublishOptions.to(routingKey).declare(video.toQueue(), image.toQueue(), inbox.toQueue());
    }
}
