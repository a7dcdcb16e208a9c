package dev.warren.bench;

import java.util.List;

/**
 * A Warren contender and the raw contender it is judged against, in one scenario.
 *
 * @param scenario the scenario
 * @param warren the Warren contender
 * @param raw the baseline: the raw client, or Python kombu
 * @param metric the compared metric
 * @param target the minimum Warren/raw ratio (or, for latency, the maximum), NaN when informational
 * @param what what the pair shows
 */
record Pair(String scenario, String warren, String raw, String metric, double target, String what) {

    static final List<Pair> ALL = List.of(
            new Pair("publish", "warren-bytes", "raw-bytes", Sample.RATE, 0.90,
                    "Producer overhead alone (same pre-encoded bytes)"),
            new Pair("publish", "warren-object", "raw-jackson", Sample.RATE, 0.90,
                    "kombu-style publish(map) vs raw + Jackson (same work)"),
            new Pair("publish", "warren-object", "raw-bytes", Sample.RATE, Double.NaN,
                    "kombu-style publish(map) vs the physical limit (informational)"),
            new Pair("confirm", "warren-bytes-confirm", "raw-bytes-confirm", Sample.RATE, 0.90,
                    "synchronous confirms, Producer.confirms(timeout) vs waitForConfirmsOrDie per message"),
            new Pair("confirm", "warren-object-confirm", "raw-jackson-confirm", Sample.RATE, 0.90,
                    "sync confirms, publish(map) vs raw + Jackson"),
            new Pair("consume", "warren-onmessage", "raw", Sample.RATE, 0.97,
                    "Consumer overhead alone (no decoding on either side)"),
            new Pair("consume", "warren-callback", "raw-jackson", Sample.RATE, 0.97,
                    "kombu-style callback(body, message) vs raw + Jackson decode (same work)"),
            new Pair("consume", "warren-callback", "raw", Sample.RATE, Double.NaN,
                    "kombu-style callback vs the physical limit (informational)"),
            new Pair("publish", "warren-object", KombuContender.PUBLISH, Sample.RATE, 1.5,
                    "publish(map) vs Python kombu's Producer.publish(map) (json, persistent)"),
            new Pair("consume", "warren-callback", KombuContender.CONSUME, Sample.RATE, 2.0,
                    "callback(body, message) vs Python kombu's Consumer callback (decoded json, ack)"),
            new Pair("publish", "warren-bytes", "raw-bytes", Sample.CPU, Double.NaN,
                    "publishing-thread CPU per message (lower is better)"),
            new Pair("publish", "warren-object", "raw-jackson", Sample.CPU, Double.NaN,
                    "publishing-thread CPU per message, both encoding json (lower is better)"),
            new Pair("consume", "warren-onmessage", "raw", Sample.CPU, Double.NaN,
                    "consumer-thread CPU per message (lower is better)"),
            new Pair("consume", "warren-callback", "raw-jackson", Sample.CPU, Double.NaN,
                    "consumer-thread CPU per message, both decoding json (lower is better)"),
            new Pair("latency", "warren", "raw", Sample.P50, Double.NaN,
                    "publish-to-callback p50 (lower is better; Warren includes json encode+decode)"),
            new Pair("latency", "warren", "raw", Sample.P99, Double.NaN,
                    "publish-to-callback p99 (lower is better)"));

    boolean informational() {
        return Double.isNaN(target);
    }
}
