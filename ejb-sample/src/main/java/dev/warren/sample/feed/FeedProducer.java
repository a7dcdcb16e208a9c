package dev.warren.sample.feed;

import dev.warren.DeliveryMode;
import dev.warren.Exchange;
import dev.warren.Producer;
import dev.warren.Session;

import java.util.Map;

/**
 * The kombu seeds' {@code FeedProducer}: a producer subclass with a class-level exchange ({@code feed},
 * direct) and routing key ({@code importer}) and a domain method.
 * <pre>
 * class FeedProducer(Producer):
 *     exchange = "feed"
 *     routing_key = "importer"
 *     def import_feed(self, feed_url):
 *         return self.send({"import_feed": feed_url})
 * </pre>
 * The body is kombu's {@code {"import_feed": url}}, serialized with the session's default serializer (the
 * connection factory's {@code defaultSerializer}), persistent. Settings ({@code serializer}, {@code confirms} ...)
 * change a producer in place before its first publish, so a caller may configure a {@code FeedProducer} further
 * and still call {@link #importFeed}. Threading: as its session, one thread at a time.
 */
public class FeedProducer extends Producer {
    /** The class-level exchange: direct, durable. */
    public static final Exchange FEED = Exchange.direct("feed");
    /** The class-level routing key. */
    public static final String ROUTING_KEY = "importer";

    /** @param session the session (a pooled {@code WarrenConnection}) to publish on */
    public FeedProducer(Session session) {
        super(session, FEED, ROUTING_KEY);
        deliveryMode(DeliveryMode.PERSISTENT); // settings change this producer in place: it stays a FeedProducer
    }

    /**
     * Asks the importer to import a feed.
     *
     * @param url the feed's URL
     */
    public void importFeed(String url) {
        publish(Map.of("import_feed", url));
    }
}
