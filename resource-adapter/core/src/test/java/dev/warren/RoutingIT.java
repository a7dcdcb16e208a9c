package dev.warren;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seeds' routing scenarios against the real broker: direct, consumer sets, topic, fanout, headers. */
class RoutingIT extends BrokerSupport {

    @Test
    void directFeedImporter() throws Exception {
        Exchange feed = Exchange.direct(exchangeName("feed"));
        Queue queue = session.declare(Queue.of(queueName("feed"), feed, "importer"));
        session.producer(feed).routingKey("importer").publish(Map.of("import_feed", "http://cnn.com/rss"));
        session.producer(feed).publish(Map.of("import_feed", "lost"), "other-key");

        Message m = poll(session, queue).orElseThrow();
        assertEquals(Map.of("import_feed", "http://cnn.com/rss"), m.payload());
        assertEquals("importer", m.deliveryInfo().routingKey());
        assertEquals(feed.name(), m.deliveryInfo().exchange());
        m.ack();
        assertEquals(Optional.empty(), session.get(queue), "a message with another routing key must not arrive");
    }

    @Test
    void mediaExchangeWithVideoAndImageQueuesInOneConsumer() throws Exception {
        Exchange media = Exchange.direct(exchangeName("media"));
        Queue video = Queue.of(queueName("video"), media, "video");
        Queue image = Queue.of(queueName("image"), media, "image");
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        try (Consumer consumer = session.consumer(video, image).callback((body, message) -> {
            got.add(message.deliveryInfo().queue() + "=" + ((Map<?, ?>) body).get("name"));
            message.ack();
        }).consume()) {
            Producer producer = session.producer(media);
            producer.publish(Map.of("name", "/tmp/lolcat1.avi", "size", 1301013), "video");
            producer.publish(Map.of("name", "/tmp/cat.jpg", "size", 1234), "image");
            List<String> received = new ArrayList<>(List.of(take(got), take(got)));
            received.sort(null);
            List<String> expected = new ArrayList<>(List.of(image.name() + "=/tmp/cat.jpg",
                    video.name() + "=/tmp/lolcat1.avi"));
            expected.sort(null);
            assertEquals(expected, received);
            assertEquals(2, consumer.consumerTags().size());
        }
    }

    @Test
    void topicPatternMatchesWordsLikeKombu() throws Exception {
        Exchange stocks = Exchange.topic(exchangeName("stocks"));
        Queue q = session.declare(Queue.of(queueName("stock"), stocks, "*.stock.#"));
        Producer p = session.producer(stocks);
        p.publish("usd", "usd.stock");
        p.publish("eur", "eur.stock.db");
        p.publish("nasdaq", "stock.nasdaq");
        List<Object> got = new ArrayList<>();
        Optional<Message> m;
        awaitReady(session, q, 2);
        while ((m = session.get(q)).isPresent()) {
            got.add(m.get().payload());
            m.get().ack();
        }
        assertEquals(List.of("usd", "eur"), got);
    }

    @Test
    void fanoutReachesEveryBoundQueue() throws Exception {
        Exchange news = Exchange.fanout(exchangeName("news"));
        Queue a = session.declare(Queue.of(queueName("a"), news, ""));
        Queue b = session.declare(Queue.of(queueName("b"), news, "ignored"));
        session.producer(news).publish(Map.of("headline", "rabbits"), "any.key");
        assertEquals(Map.of("headline", "rabbits"), poll(session, a).orElseThrow().payload());
        assertEquals(Map.of("headline", "rabbits"), poll(session, b).orElseThrow().payload());
    }

    @Test
    void headersExchangeMatchesAllOrAny() throws Exception {
        Exchange docs = Exchange.headers(exchangeName("docs"));
        Queue all = session.declare(Queue.builder(queueName("all"))
                .bind(Binding.headers(docs, Binding.Match.ALL, Map.of("format", "pdf", "type", "report"))).build());
        Queue any = session.declare(Queue.builder(queueName("any"))
                .bind(Binding.headers(docs, Binding.Match.ANY, Map.of("format", "pdf", "type", "log"))).build());
        Producer p = session.producer(docs);
        p.publish("pdf-report", PublishOptions.NONE.headers(Map.of("format", "pdf", "type", "report")));
        p.publish("pdf-only", PublishOptions.NONE.header("format", "pdf"));
        p.publish("log", PublishOptions.NONE.header("type", "log"));
        p.publish("none", PublishOptions.NONE.header("format", "zip"));
        awaitReady(session, all, 1);
        awaitReady(session, any, 3);
        assertEquals(List.of("pdf-report"), drain(all));
        assertEquals(List.of("pdf-report", "pdf-only", "log"), drain(any));
    }

    private List<Object> drain(Queue q) {
        List<Object> got = new ArrayList<>();
        Optional<Message> m;
        while ((m = session.get(q)).isPresent()) {
            got.add(m.get().payload());
            m.get().ack();
        }
        assertTrue(got.size() < 100);
        return got;
    }
}
