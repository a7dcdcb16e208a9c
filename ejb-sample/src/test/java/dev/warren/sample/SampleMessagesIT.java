package dev.warren.sample;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.PublishOptions;
import dev.warren.Queue;
import dev.warren.Session;
import dev.warren.amqp.Warren;
import dev.warren.sample.feed.FeedProducer;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample's producers and message view in Java SE against the real broker (the container wiring is proven
 * by deployment/demo's DemoSmokeIT): FeedProducer's wire format and class-level routing, per-message
 * serializers, and raw bytes arriving untouched.
 */
class SampleMessagesIT {
    private Connection connection;
    private Session session;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void open() throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F"));
        connection = cf.newConnection("warren-sample-it");
        session = Warren.open(connection, MessageCodec.defaults(), Accept.parse("json,yaml,msgpack"));
    }

    @AfterEach
    void close() throws Exception {
        session.close();
        connection.close();
    }

    private Message poll(Queue q) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            Optional<Message> m = session.get(q);
            if (m.isPresent()) {
                return m.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no message arrived on " + q);
    }

    @Test
    void feedProducerPublishesKombusImportFeedBodyToFeedWithKeyImporter() throws Exception {
        Queue q = session.declare(Queue.builder("sample-it-feed-" + suffix).durable(false).autoDelete(true)
                .bind(FeedProducer.FEED, FeedProducer.ROUTING_KEY).build());
        new FeedProducer(session).importFeed("http://cnn.com/rss/edition.rss");
        Message m = poll(q);
        assertEquals("feed", m.deliveryInfo().exchange());
        assertEquals("importer", m.deliveryInfo().routingKey());
        assertEquals("application/json", m.contentType());
        assertEquals(Map.of("import_feed", "http://cnn.com/rss/edition.rss"), m.payload());
        m.ack();
    }

    @Test
    void perMessageSerializersAndRawBytesAsTheMediaServiceSendsThem() throws Exception {
        Exchange media = Exchange.builder("sample-it-media-" + suffix).autoDelete(true).build();
        Queue q = session.declare(Queue.builder("sample-it-image-" + suffix).durable(false).autoDelete(true)
                .bind(media, "image").build());
        for (String serializer : new String[] {"yaml", "msgpack"}) {
            session.producer(media).publish(Map.of("name", "/tmp/cat.jpg", "size", 740),
                    PublishOptions.to("image").serializer(serializer));
            Message m = poll(q);
            Map<String, Object> view = MessageView.of(m);
            assertFalse(MessageView.isRaw(m));
            assertEquals(Map.of("name", "/tmp/cat.jpg", "size", 740), Map.copyOf((Map<?, ?>) view.get("body")),
                    serializer);
            m.ack();
        }

        byte[] jpeg = new byte[4096];
        new java.util.Random(7).nextBytes(jpeg);
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        session.producer(media).publish(jpeg, PublishOptions.to("image").contentType("image/jpeg").contentEncoding("binary"));
        Message m = poll(q);
        assertTrue(MessageView.isRaw(m));
        assertEquals("image/jpeg", m.contentType());
        assertEquals("binary", m.contentEncoding());
        Map<String, Object> view = MessageView.of(m);
        assertEquals(4096, view.get("bytes"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg)), view.get("sha256"));
        assertEquals(MessageView.sha256(jpeg), view.get("sha256"));
        m.ack();
        session.delete(q);
        session.delete(media);
    }
}
