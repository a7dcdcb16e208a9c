package dev.warren.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warren.Consumer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.Producer;
import dev.warren.PublishOptions;
import dev.warren.Queue;
import dev.warren.Session;
import dev.warren.amqp.Warren;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wire compatibility with Python kombu over the real broker (Debian's 5.2.4 by default; another interpreter
 * with {@code -Dwarren.test.python=…}, e.g. a venv with kombu 5.6), both directions, for every
 * serializer (json, yaml, msgpack, pickle) and raw bodies (image/png bytes, text/plain) × every compression
 * kombu supports (none, zlib, bzip2, lzma, zstd, brotli).
 */
class KombuInteropIT {
    /** the trace Warren's messages to kombu are published in */
    static final SpanContext REQUEST = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
            TraceFlags.getSampled(), TraceState.getDefault());
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final List<String> ALL_COMPRESSIONS = List.of("brotli", "bzip2", "lzma", "zlib", "zstd");
    static final Accept ACCEPT_ALL = Accept.of("json", "yaml", "msgpack", "pickle", "text", "raw");
    static Connection connection;
    static String kombuVersion;
    static boolean kombu52;
    static Session session;

    @BeforeAll
    static void setUp() throws Exception {
        JsonNode check = PythonKombu.run(60, "check");
        kombuVersion = check.get("kombu").asText();
        String[] v = kombuVersion.split("\\.");
        kombu52 = Integer.parseInt(v[0]) < 5 || Integer.parseInt(v[0]) == 5 && Integer.parseInt(v[1]) < 3;
        List<String> comps = new ArrayList<>();
        check.get("compressions").forEach(n -> comps.add(n.asText()));
        assertEquals(ALL_COMPRESSIONS, comps, "kombu " + check.get("kombu") + " lacks compressions. "
                + PythonKombu.INSTALL);
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(uri());
        connection = cf.newConnection("warren-kombu-interop");
        session = Warren.open(connection, MessageCodec.defaults(), ACCEPT_ALL);
    }

    static String uri() {
        return System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (session != null) {
            session.close();
        }
        if (connection != null) {
            connection.close();
        }
    }

    static List<String> cases() {
        List<String> cases = new ArrayList<>(Payloads.SERIALIZERS);
        cases.add("png");
        cases.add("text");
        return cases;
    }

    /**
     * kombu's messages carry no trace context: a consumer callback gets every one, outside any trace (no parent
     * taken from the thread), and nothing fails.
     */
    @Test
    void kombuMessagesReachAConsumerCallbackOutsideAnyTrace() throws Exception {
        Queue queue = session.declare(Queue.builder("warren.interop.k2c." + UUID.randomUUID()).durable(false).build());
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        try (Session consuming = Warren.open(connection, MessageCodec.defaults(), ACCEPT_ALL)) {
            JsonNode report = PythonKombu.run(120, "publish", uri(), queue.name());
            int published = report.get("published").size();
            try (Consumer consumer = consuming.consumer(queue).onMessage(m -> {
                if (m.headers().containsKey("traceparent") || Span.current().getSpanContext().isValid()) {
                    failures.add(m.describe() + " ran in trace " + Span.current().getSpanContext());
                }
                m.ack();
                received.incrementAndGet();
            }).onError((m, e) -> failures.add(m.describe() + ": " + e)).consume()) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (received.get() < published && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
            }
            assertEquals(published, received.get(), "every kombu message reached the callback");
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            session.delete(queue);
        }
    }

    @Test
    void kombuPublishesWarrenDecodes() throws Exception {
        Queue queue = session.declare(Queue.builder("warren.interop.k2w." + UUID.randomUUID()).durable(false).build());
        try {
            JsonNode report = PythonKombu.run(120, "publish", uri(), queue.name());
            int published = report.get("published").size();
            assertEquals(cases().size() * (ALL_COMPRESSIONS.size() + 1), published);
            List<String> failures = new ArrayList<>();
            TreeSet<String> seen = new TreeSet<>();
            for (int i = 0; i < published; i++) {
                Message m = poll(queue);
                String kase = String.valueOf(m.headers().get("x-case"));
                String comp = String.valueOf(m.headers().get("x-comp"));
                seen.add(kase + "/" + comp);
                try {
                    Object got = Payloads.normal(m.payload());
                    Object want = Payloads.normal(Payloads.expectedFromKombu(kase, kombu52));
                    if (!want.equals(got)) {
                        failures.add(kase + "/" + comp + ": got " + got + "\n   want " + want);
                    }
                    if (!kase.equals("png") && !kase.equals("text") && !kase.equals("msgpack")) {
                        Dates dates;
                        if (kase.equals("json")) { // 5.2 sends a date as a midnight datetime, 5.3+ as a date
                            JsonDates j = m.payload(JsonDates.class);
                            dates = new Dates(j.when(), kombu52 ? java.time.LocalDateTime.parse(j.day()).toLocalDate()
                                    : java.time.LocalDate.parse(j.day()));
                        } else {
                            dates = m.payload(Dates.class);
                        }
                        if (!new Dates(Payloads.DT, Payloads.DAY).equals(dates)) {
                            failures.add(kase + "/" + comp + ": typed dates " + dates);
                        }
                    }
                } catch (RuntimeException e) {
                    failures.add(kase + "/" + comp + ": " + e);
                }
                m.ack();
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
            assertEquals(published, seen.size(), "every case × compression once: " + seen);
        } finally {
            session.delete(queue);
        }
    }

    /** Typed decoding of the dates kombu sent in YAML and pickle. */
    record Dates(java.time.LocalDateTime when, java.time.LocalDate day) {
    }

    /** Typed decoding of the dates kombu sent in JSON. */
    record JsonDates(java.time.LocalDateTime when, String day) {
    }

    private static Message poll(Queue queue) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<Message> m = session.get(queue);
            if (m.isPresent()) {
                return m.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no message within 30 s on " + queue.name());
    }

    @Test
    void warrenPublishesKombuDecodes() throws Exception {
        Queue queue = session.declare(Queue.builder("warren.interop.w2k." + UUID.randomUUID()).durable(false).build());
        try {
            Producer producer = session.producer(Exchange.DEFAULT);
            List<String> comps = new ArrayList<>();
            comps.add("none");
            for (String c : ALL_COMPRESSIONS) {
                assertTrue(session.codec().compressions().require(c).canCompress(), c + " cannot encode here");
                comps.add(c);
            }
            int sent = 0;
            // inside a trace: every message carries a traceparent header, which kombu must ignore
            try (Scope trace = Span.wrap(REQUEST).makeCurrent()) {
                for (String kase : cases()) {
                    for (String comp : comps) {
                        PublishOptions o = PublishOptions.to(queue.name()).header("x-case", kase).header("x-comp", comp)
                                .messageId(kase + "-" + comp);
                        if (!comp.equals("none")) {
                            o = o.compression(comp);
                        }
                        if (kase.equals("png")) {
                            o = o.contentType("image/png");
                        } else if (!kase.equals("text")) {
                            o = o.serializer(kase);
                        }
                        producer.publish(Payloads.publishValue(kase), o);
                        sent++;
                    }
                }
            }
            JsonNode report = PythonKombu.run(120, "consume", uri(), queue.name(), Integer.toString(sent));
            JsonNode results = report.get("results");
            assertEquals(sent, results.size(), "kombu received every message: " + results);
            List<String> failures = new ArrayList<>();
            for (JsonNode r : results) {
                if (!r.get("ok").asBoolean() || !TRACEPARENT.equals(r.get("traceparent").asText())) {
                    failures.add(r.toString());
                }
            }
            assertTrue(failures.isEmpty(), "kombu decoded differently:\n" + String.join("\n", failures));
        } finally {
            session.delete(queue);
        }
    }
}
