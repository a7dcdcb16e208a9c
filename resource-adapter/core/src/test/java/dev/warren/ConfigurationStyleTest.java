package dev.warren;

import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Producer and Consumer configure the same way: in place, before the first publish or consume, so a setting written
 * on its own line (return value ignored) is kept, a subclass stays itself with its own methods, and a change after
 * the first use fails naming the setting. No broker: a session that records what it is asked to do.
 */
class ConfigurationStyleTest {

    /** The kombu seeds' FeedProducer: a subclass with its own method. */
    static final class FeedProducer extends Producer {
        FeedProducer(Session session) {
            super(session, Exchange.direct("feed"), "importer");
        }

        void importFeed(String url) {
            publish(Map.of("import_feed", url));
        }
    }

    /** A consumer subclass with its own method. */
    static final class FeedConsumer extends Consumer {
        FeedConsumer(Session session) {
            super(session, Queue.named("feed"));
        }

        String describeFeed() {
            return "feed consumer of " + queueNames();
        }
    }

    @Test
    void aProducerSettingOnItsOwnLineIsKept() {
        RecordingSession session = new RecordingSession();
        Producer producer = session.producer(Exchange.direct("media"));
        producer.routingKey("video");
        producer.serializer("text");
        producer.compression("zlib");
        producer.confirms(Duration.ofSeconds(10));
        producer.deliveryMode(DeliveryMode.TRANSIENT);
        producer.publish("clip");

        Published p = session.published.get(0);
        assertEquals("media", p.exchange);
        assertEquals("video", p.routingKey);
        assertEquals(Duration.ofSeconds(10), p.confirmTimeout, "confirms(...) whose return value was ignored");
        assertEquals("text/plain", p.properties.contentType());
        assertEquals("application/x-gzip", p.properties.headers().get("compression"));
        assertEquals(DeliveryMode.TRANSIENT, p.properties.deliveryMode());
    }

    @Test
    void aConfiguredProducerSubclassKeepsItsTypeAndItsMethods() {
        RecordingSession session = new RecordingSession();
        FeedProducer feeds = new FeedProducer(session);
        Producer configured = feeds.serializer("text").confirms(Duration.ofSeconds(5)).routingKey("priority-importer");
        assertSame(feeds, configured, "configuring returns the producer itself, not a copy");
        assertInstanceOf(FeedProducer.class, configured);

        feeds.importFeed("http://cnn.com/rss");
        Published p = session.published.get(0);
        assertEquals("feed", p.exchange);
        assertEquals("priority-importer", p.routingKey);
        assertEquals(Duration.ofSeconds(5), p.confirmTimeout);
        assertEquals("text/plain", p.properties.contentType());
    }

    @Test
    void changingAProducerSettingAfterTheFirstPublishFailsNamingIt() {
        RecordingSession session = new RecordingSession();
        Producer producer = session.producer(Exchange.DEFAULT).routingKey("q");
        producer.publish("first");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> producer.confirms(Duration.ofSeconds(1)));
        assertEquals("Cannot change confirms of Producer(Exchange ''(direct), routing key 'q'): it has published"
                + " already, and the first publish fixes a producer's settings. Fix: set confirms before the first"
                + " publish, or create another producer for the other setting.", e.getMessage());
        assertNull(producer.confirms(), "the refused setting left the producer as it was");
        assertThrows(IllegalStateException.class, () -> producer.serializer("text"));
        assertThrows(IllegalStateException.class, () -> producer.routingKey("other"));
    }

    @Test
    void aConsumerSettingOnItsOwnLineIsKeptAndASubclassKeepsItsType() {
        RecordingSession session = new RecordingSession();
        FeedConsumer consumer = new FeedConsumer(session);
        Consumer configured = consumer.prefetch(7);
        consumer.noAck(true);
        consumer.accept(Accept.of("text"));
        assertSame(consumer, configured);
        assertInstanceOf(FeedConsumer.class, configured);
        assertEquals("feed consumer of [feed]", consumer.describeFeed());

        consumer.consume();
        assertEquals(List.of(7), session.qos);
        assertEquals(List.of("feed noAck=true accept=" + Accept.of("text")), session.consumed);
    }

    @Test
    void changingAConsumerSettingAfterTheFirstConsumeFailsNamingItEvenAfterCancel() {
        RecordingSession session = new RecordingSession();
        Consumer consumer = new Consumer(session, Queue.named("feed")).prefetch(3);
        consumer.consume();
        consumer.cancel();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> consumer.prefetch(5));
        assertEquals("Cannot change prefetch of Consumer[feed]: it has consumed already, and the first consume()"
                + " fixes a consumer's settings. Fix: set prefetch before consume(), or create another consumer for"
                + " the other setting.", e.getMessage());
        consumer.consume();
        assertEquals(List.of(3, 3), session.qos, "consuming again uses the settings of the first consume()");
        consumer.callback((body, message) -> { }); // callbacks may still be registered
    }

    private record Published(String exchange, String routingKey, MessageProperties properties,
                             Duration confirmTimeout) {
    }

    /** Records publishes, qos and consumes; everything else is not needed here. */
    private static final class RecordingSession implements Session {
        final List<Published> published = new ArrayList<>();
        final List<Integer> qos = new ArrayList<>();
        final List<String> consumed = new ArrayList<>();
        private final MessageCodec codec = MessageCodec.defaults();
        private int tags;

        @Override
        public MessageCodec codec() {
            return codec;
        }

        @Override
        public Accept accept() {
            return Accept.DEFAULT;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void declare(Exchange exchange) {
        }

        @Override
        public void declarePassive(Exchange exchange) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Exchange exchange) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Queue declare(Queue queue) {
            return queue;
        }

        @Override
        public QueueInfo declarePassive(Queue queue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long purge(Queue queue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Queue queue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void declareBinding(Queue queue, Binding binding) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteBinding(Queue queue, Binding binding) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Message> get(Queue queue, boolean noAck) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void basicPublish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                                 byte[] body, Duration confirmTimeout) {
            published.add(new Published(exchange, routingKey, properties, confirmTimeout));
        }

        @Override
        public void basicQos(int prefetchCount) {
            qos.add(prefetchCount);
        }

        @Override
        public String basicConsume(String queue, boolean noAck, Accept accept, DeliveryHandler handler) {
            consumed.add(queue + " noAck=" + noAck + " accept=" + accept);
            return "tag-" + ++tags;
        }

        @Override
        public void basicCancel(String consumerTag) {
        }

        @Override
        public void recover(boolean requeue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AutoCloseable onReturn(java.util.function.Consumer<ReturnedMessage> listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
