package dev.warren.jca;

import dev.warren.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What deployers type, malformed: every row sets one string (or number) property of the adapter, the connection
 * definition, the activation spec or an admin object to a bad value and checks that validation refuses it with a
 * message naming the property, the value and the fix (the row's fix words, so a wrong fix text fails too). The
 * WARNING rows check that a setting the configuration ignores is logged once, naming it, its value and the fix.
 * No broker needed: this is validation before anything is declared.
 */
class ConfigBadInputTest {
    private static final String NBSP = "\u00A0";

    /** One malformed value: the owner, its property, the value, other properties the case needs, the fix's words. */
    record Row(Owner owner, String property, String value, String[] context, String fixWords) {
        @Override
        public String toString() {
            return owner + " " + property + "='" + value + "'";
        }
    }

    enum Owner { ADAPTER, FACTORY, SPEC, EXCHANGE_DEFINITION, QUEUE_DEFINITION }

    private static Row row(Owner owner, String property, String value, String fixWords, String... context) {
        return new Row(owner, property, value, context, fixWords);
    }

    static Stream<Row> malformed() {
        return Stream.of(
                // activation spec: names and types
                row(Owner.SPEC, "queue", NBSP, "name the queue"),
                row(Owner.SPEC, "queue", "", "name the queue"),
                row(Owner.SPEC, "exchange", " ", "name an exchange, or leave exchange empty"),
                row(Owner.SPEC, "exchange", NBSP + NBSP, "name an exchange, or leave exchange empty"),
                row(Owner.SPEC, "exchangeType", "fanfare", "direct, fanout, topic or headers"),
                row(Owner.SPEC, "exchangeType", "topics", "direct, fanout, topic or headers"),
                // activation spec: routing keys
                row(Owner.SPEC, "routingKey", "a,,b", "remove the extra comma", "exchange", "feed"),
                row(Owner.SPEC, "routingKey", "a,", "remove the extra comma", "exchange", "feed"),
                row(Owner.SPEC, "routingKey", ",a", "remove the extra comma", "exchange", "feed"),
                row(Owner.SPEC, "routingKey", "'a,b", "quote a whole key", "exchange", "feed"),
                row(Owner.SPEC, "routingKey", "k", "set exchange too"),
                // activation spec: queue arguments, the one grammar
                row(Owner.SPEC, "queueArguments", "x-message-ttl", "write key=value entries"),
                row(Owner.SPEC, "queueArguments", "x-message-ttl=", "give x-message-ttl a value"),
                row(Owner.SPEC, "queueArguments", "x-message-ttl=soon", "write e.g. x-message-ttl=60000"),
                row(Owner.SPEC, "queueArguments", "x-message-ttl='60000'", "write e.g. x-message-ttl=60000"),
                row(Owner.SPEC, "queueArguments", "x-max-priority=300", "write e.g. x-max-priority=10"),
                row(Owner.SPEC, "queueArguments", "x-expires=0", "write e.g. x-expires=1800000"),
                row(Owner.SPEC, "queueArguments", "x-delivery-limit=-1", "write e.g. x-delivery-limit=5"),
                row(Owner.SPEC, "queueArguments", "x-single-active-consumer=yes", "write e.g. x-single-active-consumer=true"),
                row(Owner.SPEC, "queueArguments", "x-queue-type=Quorum", "write e.g. x-queue-type=quorum"),
                row(Owner.SPEC, "queueArguments", "x-overflow=reject", "write e.g. x-overflow=reject-publish"),
                row(Owner.SPEC, "queueArguments", "x-max-age=3600", "write e.g. x-max-age=7D"),
                row(Owner.SPEC, "queueArguments", "x-dead-letter-strategy=at-least-twice", "write e.g. x-dead-letter-strategy=at-least-once"),
                row(Owner.SPEC, "queueArguments", "x-message-ttl=1,x-message-ttl=2", "keep one entry for x-message-ttl"),
                row(Owner.SPEC, "queueArguments", "=5", "write the argument's name before '='"),
                row(Owner.SPEC, "queueArguments", "a=1,,b=2", "remove the extra comma"),
                row(Owner.SPEC, "queueArguments", "x-dead-letter-exchange='dlx", "close the quote"),
                row(Owner.SPEC, "queueArguments", "x-dead-letter-exchange=dl'x", "quote a whole value"),
                row(Owner.SPEC, "queueArguments", "x-dead-letter-exchange='dl'x", "quote the whole value"),
                row(Owner.SPEC, "queueArguments", "X-Message-TTL=5", "write x-message-ttl"),
                row(Owner.SPEC, "queueArguments", "x-stream-max-segment-size-bytes=big", "write e.g. x-stream-max-segment-size-bytes=500000000"),
                row(Owner.SPEC, "bindingArguments", "x-match=some", "write e.g. x-match=all", "exchange", "docs", "exchangeType", "headers"),
                row(Owner.SPEC, "bindingArguments", "format=pdf,", "remove the extra comma", "exchange", "docs", "exchangeType", "headers"),
                // activation spec: accept, failure policy, dead letters
                row(Owner.SPEC, "accept", "jsn", "use one of the registered names"),
                row(Owner.SPEC, "accept", "json,,yaml", "remove the extra comma"),
                row(Owner.SPEC, "accept", "java", "javaSerializationAllowList"),
                row(Owner.SPEC, "failurePolicy", "explode", "requeue, reject or dead-letter"),
                row(Owner.SPEC, "protocol", "amqp10", "use kombu"),
                row(Owner.SPEC, "celeryTasks", "", "needs the names of the tasks", "protocol", "celery"),
                row(Owner.SPEC, "celeryTasks", "java.add,,java.mul", "empty entry", "protocol", "celery"),
                row(Owner.SPEC, "deadLetterExchange", " ", "name the dead-letter exchange", "failurePolicy", "dead-letter"),
                // activation spec: connection properties with validation on this branch
                row(Owner.SPEC, "uri", "http://nope", "amqp://user:password@host:5672/vhost"),
                row(Owner.SPEC, "port", "70000", "between 1 and 65535"),
                row(Owner.SPEC, "requestedHeartbeat", "-1", "use 0"),
                row(Owner.SPEC, "prefetch", "-1", "use 0 (unlimited)"),
                // activation spec: batch delivery (WarrenBatchListener)
                row(Owner.SPEC, "batchSize", "0", "between 1 and 65535", "prefetch", "100"),
                row(Owner.SPEC, "batchSize", "70000", "between 1 and 65535", "prefetch", "0"),
                row(Owner.SPEC, "batchSize", "50", "set prefetch to at least batchSize (e.g. prefetch=100)",
                        "prefetch", "20"),
                row(Owner.SPEC, "batchSize", "2", "set prefetch to at least batchSize"),
                row(Owner.SPEC, "batchTimeout", "-1", "between 0 (deliver what has arrived) and 60000"),
                row(Owner.SPEC, "batchTimeout", "600000", "between 0 (deliver what has arrived) and 60000"),
                // connection definition
                row(Owner.FACTORY, "defaultSerializer", "jsn", "use one of those"),
                row(Owner.FACTORY, "compression", "zip", "use one of those, or leave compression empty"),
                row(Owner.FACTORY, "defaultExchangeType", "fanfare", "direct, fanout, topic or headers"),
                row(Owner.FACTORY, "accept", "json,yml", "use one of the registered names"),
                row(Owner.FACTORY, "publisherConfirmTimeout", "0", "give milliseconds > 0"),
                row(Owner.FACTORY, "uri", "ftp://rabbit", "amqp://user:password@host:5672/vhost"),
                row(Owner.FACTORY, "connectionTimeout", "-5", "use 0"),
                row(Owner.FACTORY, "declarations", "queue a:b", "write 'queue NAME a:b'"),
                row(Owner.FACTORY, "declarations", "queue", "write 'queue NAME"),
                row(Owner.FACTORY, "declarations", "topic media", "write items like"),
                row(Owner.FACTORY, "declarations", "exchange t topicc", "use direct, fanout, topic or headers"),
                row(Owner.FACTORY, "declarations", "exchange t topic; exchange t direct", "declare each exchange once"),
                row(Owner.FACTORY, "declarations", "queue q t:a; queue q t:b", "declare each queue once"),
                row(Owner.FACTORY, "declarations", "queue q t:a args x-message-ttl=soon", "write e.g. x-message-ttl=60000"),
                row(Owner.FACTORY, "declarations", "queue q t:a args", "write e.g. args x-message-ttl=60000"),
                row(Owner.FACTORY, "declarations", "queue q :k", "name the exchange before ':'"),
                row(Owner.FACTORY, "declarations", "queue q nocolon", "bind with EXCHANGE:KEY"),
                row(Owner.FACTORY, "declarations", "queue q t:a,,t:b", "bind with EXCHANGE:KEY"),
                row(Owner.FACTORY, "declarations", "exchange 'media direct", "close the quote"),
                row(Owner.FACTORY, "declarations", "exchange t topic extra", "write 'exchange NAME [TYPE] [args ARGUMENTS]'"),
                // admin objects
                row(Owner.EXCHANGE_DEFINITION, "type", "fanfare", "direct, fanout, topic or headers"),
                row(Owner.EXCHANGE_DEFINITION, "arguments", "alternate-exchange=", "give alternate-exchange a value"),
                row(Owner.EXCHANGE_DEFINITION, "arguments", "alternate-exchange", "write key=value entries"),
                row(Owner.EXCHANGE_DEFINITION, "name", NBSP, "name the exchange"),
                row(Owner.QUEUE_DEFINITION, "bindings", "media", "write e.g. media:video,media:clip"),
                row(Owner.QUEUE_DEFINITION, "bindings", "media:video,", "remove the extra comma"),
                row(Owner.QUEUE_DEFINITION, "bindings", ":video", "name the exchange before ':'"),
                row(Owner.QUEUE_DEFINITION, "bindings", "media:'video", "quote a whole exchange name or key"),
                row(Owner.QUEUE_DEFINITION, "bindingExchangeType", "fanfare", "direct, fanout, topic or headers"),
                row(Owner.QUEUE_DEFINITION, "arguments", "x-max-length=ten", "write e.g. x-max-length=10000"),
                row(Owner.QUEUE_DEFINITION, "arguments", "x-dead-letter-routing-key=dead", "add x-dead-letter-exchange=NAME"),
                row(Owner.SPEC, "queueArguments", "x-dead-letter-routing-key=dlq", "x-dead-letter-exchange=''"),
                row(Owner.QUEUE_DEFINITION, "arguments", "x-dead-letter-routing-key=a,x-dead-letter-routing-key=b", "keep one entry"),
                // resource adapter
                row(Owner.ADAPTER, "maxDecompressedSize", "0", "use a positive number of bytes"),
                row(Owner.ADAPTER, "javaSerializationAllowList", "*", "Fix:"),
                row(Owner.ADAPTER, "uri", "http://rabbit", "amqp://user:password@host:5672/vhost"),
                row(Owner.ADAPTER, "port", "0", "between 1 and 65535"),
                row(Owner.ADAPTER, "networkRecoveryInterval", "0", "e.g. 5000"),
                // broker connection settings added with the broker layer (issue 12): any level
                row(Owner.ADAPTER, "addresses", "rabbit1;rabbit2", "separated by commas"),
                row(Owner.FACTORY, "addresses", "rabbit1,,rabbit2", "separated by commas"),
                row(Owner.SPEC, "addresses", "rabbit1:99999", "separated by commas"),
                row(Owner.ADAPTER, "saslMechanism", "KERBEROS", "use PLAIN"),
                row(Owner.FACTORY, "tlsProtocols", "SSLv3", "list versions separated by commas"),
                row(Owner.SPEC, "trustStoreType", "PEM", "use PKCS12"),
                // publish retry policy of the connection definition (issue 13)
                row(Owner.FACTORY, "retryMaxRetries", "-1", "give a number >= 0"),
                row(Owner.FACTORY, "retryIntervalMax", "-5", "or retry=false"),
                // delayed retries of failed deliveries (issue 21)
                row(Owner.SPEC, "retryDelay", "-1000", "remove retryDelay to retry at once"),
                row(Owner.SPEC, "retryDelay", "0", "between 1 and 86400000"),
                row(Owner.SPEC, "retryMultiplier", "0.5", "between 1.0 (every retry waits retryDelay) and 100"),
                row(Owner.SPEC, "retryMultiplier", "NaN", "e.g. 2.0"),
                row(Owner.SPEC, "retryMaxDelay", "500", "use retryMaxDelay >= 1000", "retryDelay", "1000"),
                row(Owner.SPEC, "retryMaxDelay", "-1", "e.g. 60000"),
                row(Owner.SPEC, "retryMultiplier", "1.01", "use a larger retryMultiplier", "retryDelay", "1000",
                        "maxRedeliveries", "100", "failurePolicy", "dead-letter", "deadLetterExchange", "dlx"),
                // consumer features (issue 14)
                row(Owner.SPEC, "streamOffset", "beginning", "use first, last, next", "queueArguments",
                        "x-queue-type=stream"),
                row(Owner.SPEC, "streamOffset", "-5", "an offset of 0 or more", "queueArguments", "x-queue-type=stream"),
                row(Owner.SPEC, "streamOffset", "2026-12-01T10:00:00", "ISO-8601 timestamp with its zone",
                        "queueArguments", "x-queue-type=stream"),
                row(Owner.SPEC, "streamOffset", "99999999999999999999", "an offset of 0 or more", "queueArguments",
                        "x-queue-type=stream"),
                row(Owner.SPEC, "streamOffset", "first", "add x-queue-type=stream to queueArguments"),
                row(Owner.SPEC, "streamOffset", "first", "add x-queue-type=stream to queueArguments", "queueArguments",
                        "x-queue-type=quorum"),
                row(Owner.SPEC, "prefetch", "0", "needs a prefetch (basic.qos)", "queueArguments", "x-queue-type=stream"),
                row(Owner.SPEC, "concurrency", "4", "every consumer of a stream queue reads every message",
                        "queueArguments", "x-queue-type=stream"),
                row(Owner.SPEC, "singleActiveConsumer", "true", "use a quorum queue", "queueArguments",
                        "x-queue-type=stream"),
                row(Owner.SPEC, "singleActiveConsumer", "true", "remove that entry", "queueArguments",
                        "x-single-active-consumer=false"),
                row(Owner.QUEUE_DEFINITION, "queueType", "lazy", "use classic, quorum or stream"),
                row(Owner.QUEUE_DEFINITION, "queueType", "stream", "set the type in one place only", "arguments",
                        "x-queue-type=quorum"),
                row(Owner.QUEUE_DEFINITION, "singleActiveConsumer", "true", "set it in one place only", "arguments",
                        "x-single-active-consumer=false"));
    }

    @Test
    void theTableCoversEnoughMalformedValues() {
        assertTrue(malformed().count() >= 40, "at least 40 rows");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusedNamingThePropertyTheValueAndTheFix(Row row) throws Exception {
        String message = failure(row);
        assertNotNull(message, row + " was accepted");
        assertTrue(message.contains(row.property()), "names the property: " + message);
        assertTrue(message.contains(row.value()), "names the value: " + message);
        assertTrue(message.contains("Fix:"), "gives a fix: " + message);
        assertTrue(message.contains(row.fixWords()), "the fix says '" + row.fixWords() + "': " + message);
    }

    static Stream<Row> ignored() {
        return Stream.of(
                row(Owner.SPEC, "routingKey", "pdf", "remove routingKey, or remove bindingArguments",
                        "exchange", "docs", "bindingArguments", "x-match=all,format=pdf"),
                row(Owner.SPEC, "routingKey", "a.b", "remove routingKey", "exchange", "docs", "exchangeType", "headers"),
                row(Owner.SPEC, "deadLetterExchange", "dlx", "set failurePolicy=dead-letter, or remove deadLetterExchange"),
                row(Owner.SPEC, "celeryTasks", "java.add", "set protocol=celery"),
                row(Owner.SPEC, "deadLetterRoutingKey", "dead", "x-dead-letter-exchange", "failurePolicy", "reject"),
                row(Owner.SPEC, "queueArguments", "x-mesage-ttl=60000", "write x-message-ttl"),
                row(Owner.SPEC, "retryDelay", "1000", "set failurePolicy=dead-letter (or requeue)", "failurePolicy",
                        "reject"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ignored")
    void anIgnoredSettingIsOneWarningNamingIt(Row row) throws Exception {
        WarrenActivationSpec spec = (WarrenActivationSpec) configured(row);
        List<LogRecord> records;
        try (LogCapture log = LogCapture.of(WarrenActivationSpec.class)) {
            spec.validate();
            spec.validate(); // the server validates, and the adapter again at activation: still one warning
            records = List.copyOf(log.records());
        }
        assertEquals(1, records.size(), "one WARNING: " + records.stream().map(LogRecord::getMessage).toList());
        LogRecord r = records.get(0);
        assertEquals(Level.WARNING, r.getLevel());
        String message = r.getMessage();
        assertTrue(message.contains(row.property() + "='" + row.value() + "'"), message);
        assertTrue(message.contains("Fix:") && message.contains(row.fixWords()), message);
    }

    @Test
    void aConsistentSpecLogsNoWarning() throws Exception {
        WarrenActivationSpec s = new WarrenActivationSpec();
        s.setQueue("feed");
        s.setExchange("feed");
        s.setRoutingKey("a,b");
        s.setFailurePolicy("dead-letter");
        s.setDeadLetterExchange("dlx");
        assertEquals(List.of(), s.ignoredSettings());
    }

    /** @return the refusal's message, or null when the configuration was accepted */
    private static String failure(Row row) throws Exception {
        Object bean = configured(row);
        try {
            switch (row.owner()) {
                case SPEC -> ((WarrenActivationSpec) bean).validate();
                case FACTORY -> ((WarrenManagedConnectionFactory) bean).validate();
                case EXCHANGE_DEFINITION -> ((ExchangeDefinition) bean).toExchange();
                case QUEUE_DEFINITION -> ((QueueDefinition) bean).toQueue();
                case ADAPTER -> {
                    ExecutorService pool = Executors.newSingleThreadExecutor();
                    try {
                        ((WarrenResourceAdapter) bean).start(new ExecutorBootstrapContext(pool));
                        ((WarrenResourceAdapter) bean).stop();
                    } finally {
                        pool.shutdownNow();
                    }
                }
                default -> fail("owner " + row.owner());
            }
            return null;
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    private static Object configured(Row row) throws Exception {
        Object bean = switch (row.owner()) {
            case SPEC -> new WarrenActivationSpec();
            case FACTORY -> new WarrenManagedConnectionFactory();
            case EXCHANGE_DEFINITION -> new ExchangeDefinition();
            case QUEUE_DEFINITION -> new QueueDefinition();
            case ADAPTER -> new WarrenResourceAdapter();
        };
        if (row.owner() == Owner.SPEC) {
            set(bean, "queue", "feed");
            ((WarrenActivationSpec) bean).setResourceAdapter(new WarrenResourceAdapter());
        } else if (row.owner() == Owner.FACTORY) {
            ((WarrenManagedConnectionFactory) bean).setResourceAdapter(new WarrenResourceAdapter());
        } else if (row.owner() == Owner.EXCHANGE_DEFINITION || row.owner() == Owner.QUEUE_DEFINITION) {
            set(bean, "name", "media");
        }
        for (int i = 0; i < row.context().length; i += 2) {
            set(bean, row.context()[i], row.context()[i + 1]);
        }
        set(bean, row.property(), row.value());
        return bean;
    }

    /** Sets a JavaBean property from its text, as an application server does with a config-property value. */
    private static void set(Object bean, String property, String text) throws Exception {
        for (PropertyDescriptor pd : Introspector.getBeanInfo(bean.getClass()).getPropertyDescriptors()) {
            if (pd.getName().equals(property) && pd.getWriteMethod() != null) {
                Class<?> type = pd.getPropertyType();
                Object value = type == String.class ? text
                        : type == Integer.class ? Integer.valueOf(text)
                        : type == Long.class ? Long.valueOf(text)
                        : type == Double.class ? Double.valueOf(text)
                        : type == Boolean.class ? Boolean.valueOf(text) : null;
                assertNotNull(value, "unsupported type " + type + " of " + property);
                pd.getWriteMethod().invoke(bean, value);
                return;
            }
        }
        fail("no JavaBean property " + property + " on " + bean.getClass().getSimpleName());
    }
}
