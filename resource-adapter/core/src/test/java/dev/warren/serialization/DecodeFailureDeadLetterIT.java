package dev.warren.serialization;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.Consumer;
import dev.warren.Exchange;
import dev.warren.LogCapture;
import dev.warren.Message;
import dev.warren.Producer;
import dev.warren.PublishOptions;
import dev.warren.Queue;
import dev.warren.Session;
import dev.warren.amqp.Warren;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A core {@link Consumer} meeting every kind of undecodable message on the real broker: each is rejected
 * with a logged error naming the content type, message id, delivery tag and cause, ends up in the queue's
 * dead-letter queue (nothing lost), and the consumer goes on with the good messages between them.
 */
class DecodeFailureDeadLetterIT {

    record Bad(String id, Object body, PublishOptions options, String expectInError) {
    }

    @Test
    void badMessagesAreDeadLetteredAndConsumingContinues() throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F"));
        String suffix = UUID.randomUUID().toString();
        MessageCodec codec = MessageCodec.builder().maxDecompressedSize(1024 * 1024).serializers(
                SerializerRegistry.builder().withBuiltIns().withJavaSerialization("java.util.HashMap").build()).build();
        LogCapture consumerLog = LogCapture.of(Consumer.class);
        try (Connection connection = cf.newConnection("warren-dlx-it");
             Session session = Warren.open(connection, codec, Accept.DEFAULT)) {
            Exchange dlx = Exchange.fanout("warren.it.dlx." + suffix);
            Queue dlq = session.declare(Queue.builder("warren.it.dlq." + suffix).durable(false).bind(dlx, "").build());
            Queue work = session.declare(Queue.builder("warren.it.work." + suffix).durable(false)
                    .deadLetterExchange(dlx.name()).build());
            try {
                List<Bad> bad = badMessages(codec);
                Producer producer = session.producer(Exchange.DEFAULT);
                int good = 0;
                for (Bad b : bad) {
                    producer.publish(Map.of("n", good++), PublishOptions.to(work.name()).messageId("good-" + good));
                    producer.publish(b.body(), b.options().routingKey(work.name()).messageId(b.id()));
                }
                producer.publish(Map.of("n", good++), PublishOptions.to(work.name()));

                List<Object> received = new CopyOnWriteArrayList<>();
                try (Session consumerSession = Warren.open(connection, codec,
                        Accept.of("json", "text", "raw", "msgpack", "pickle", "java"));
                     Consumer consumer = consumerSession.consumer(work).autoDeclare(false)
                             .callback((body, m) -> {
                                 received.add(body);
                                 m.ack();
                             }).consume()) {
                    long deadline = System.currentTimeMillis() + 30_000;
                    while (received.size() < good && System.currentTimeMillis() < deadline) {
                        Thread.sleep(20);
                    }
                    assertTrue(consumer.consuming());
                }
                assertEquals(good, received.size(), "every good message consumed: " + received);

                Set<String> deadIds = new TreeSet<>();
                long deadline = System.currentTimeMillis() + 30_000;
                while (deadIds.size() < bad.size() && System.currentTimeMillis() < deadline) {
                    Optional<Message> m = session.get(dlq);
                    if (m.isEmpty()) {
                        Thread.sleep(20);
                        continue;
                    }
                    assertTrue(m.get().headers().containsKey("x-death"), "dead-lettered by the broker");
                    deadIds.add(m.get().properties().messageId());
                    m.get().ack();
                }
                Set<String> badIds = new TreeSet<>();
                bad.forEach(b -> badIds.add(b.id()));
                assertEquals(badIds, deadIds, "nothing lost: every bad message is in the dead-letter queue");

                List<String> failures = new ArrayList<>();
                for (Bad b : bad) {
                    boolean named = consumerLog.messages().stream().anyMatch(l -> l.contains("id=" + b.id()) && l.contains("delivery tag")
                            && l.contains(b.expectInError()) && l.startsWith("Rejecting"));
                    if (!named) {
                        failures.add(b.id() + " expected a log naming it, its delivery tag and '" + b.expectInError()
                                + "'");
                    }
                }
                assertTrue(failures.isEmpty(), failures + "\nlogged:\n" + String.join("\n", consumerLog.messages()));
            } finally {
                session.delete(work);
                session.delete(dlq);
                session.delete(dlx);
            }
        } finally {
            consumerLog.close();
        }
    }

    private static List<Bad> badMessages(MessageCodec codec) throws Exception {
        byte[] bomb = codec.compressions().require("zstd").compress(new byte[8 * 1024 * 1024]);
        byte[] zlib = codec.compressions().require("zlib").compress("{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
        return List.of(
                new Bad("bad-json", "{\"oops", ct("application/json", "utf-8"), "application/json"),
                new Bad("bad-yaml-not-accepted", "a: 1", ct("application/x-yaml", "utf-8"),
                        "Refusing to deserialize untrusted content of type yaml (application/x-yaml)"),
                new Bad("bad-msgpack", new byte[] {(byte) 0xc1}, ct("application/x-msgpack", "binary"),
                        "application/x-msgpack"),
                new Bad("bad-pickle-global", BadInputTest.PICKLE_OS_SYSTEM,
                        ct("application/x-python-serialize", "binary"), "refused global 'posix.system'"),
                new Bad("bad-charset", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), ct("text/plain", "utf-8"),
                        "text/plain"),
                new Bad("bad-unknown-charset", "abc".getBytes(StandardCharsets.US_ASCII),
                        ct("application/x-custom", "x-no-such-charset"), "application/x-custom"),
                new Bad("bad-truncated-zlib", java.util.Arrays.copyOf(zlib, zlib.length - 3),
                        ct("application/json", "utf-8").header("compression", "application/x-gzip"),
                        "application/x-gzip"),
                new Bad("bad-unknown-compression", zlib,
                        ct("application/json", "utf-8").header("compression", "application/x-snappy"),
                        "application/x-snappy"),
                new Bad("bad-bomb", bomb, ct("application/data", "binary").header("compression", "application/zstd"),
                        "possible compression bomb"),
                new Bad("bad-java-class", new JavaSerializer("dev.warren.**").encode(new BadInputTest.Payment()),
                        ct("application/x-java-serialized-object", "binary"), "rejected by the allow-list"));
    }

    private static PublishOptions ct(String contentType, String encoding) {
        return PublishOptions.NONE.contentType(contentType).contentEncoding(encoding);
    }
}
