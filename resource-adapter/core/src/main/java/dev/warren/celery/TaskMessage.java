package dev.warren.celery;

import dev.warren.DeliveryMode;
import dev.warren.MessageProperties;
import dev.warren.serialization.EncodedBody;
import dev.warren.serialization.MessageCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One task message in Celery's task protocol version 2, ready to publish: where it goes, its AMQP properties and
 * its encoded body {@code [args, kwargs, {"callbacks", "errbacks", "chain", "chord"}]}.
 *
 * @param taskId the task id (also the correlation id)
 * @param task the task name
 * @param exchange the exchange to publish to
 * @param routingKey the routing key
 * @param properties properties and headers (lang, task, id, root_id, parent_id, group, retries, eta, expires,
 *        timelimit [hard, soft], argsrepr, kwargsrepr, origin, ignore_result)
 * @param body the serialized (and possibly compressed) body
 */
public record TaskMessage(String taskId, String task, String exchange, String routingKey,
                          MessageProperties properties, byte[] body) {

    /**
     * Builds a protocol v2 task message. Pure: no I/O; thread-safe.
     *
     * @param codec the codec that serializes the body (the options' serializer and compression)
     * @param task the task name, e.g. {@code tasks.add}
     * @param args positional arguments (plain values the serializer supports)
     * @param kwargs keyword arguments
     * @param options the options
     * @param replyTo the result queue ({@code rpc://} backend), or null for none
     * @param origin the sender's node name (Celery's {@code gen<pid>@<host>})
     * @param now the send time (countdown and expiresIn are relative to it)
     * @return the message
     * @throws CeleryException when the task name is blank
     * @throws dev.warren.EncodeException when the serializer, the compression or a value is not supported
     */
    public static TaskMessage v2(MessageCodec codec, String task, List<?> args, Map<String, ?> kwargs,
                                 TaskOptions options, String replyTo, String origin, Instant now) {
        return v2(codec, task, args, kwargs, options, replyTo, origin, now, null);
    }

    /**
     * Builds a protocol v2 task message that carries the rest of a chain (the embed's {@code chain}).
     *
     * @param codec the codec that serializes the body
     * @param task the task name
     * @param args positional arguments
     * @param kwargs keyword arguments
     * @param options the options
     * @param replyTo the result queue, or null for none
     * @param origin the sender's node name
     * @param now the send time
     * @param chain the signatures still to run after this task (next one last), or null
     * @return the message
     * @throws CeleryException when the task name is blank
     * @throws dev.warren.EncodeException when the serializer, the compression or a value is not supported
     */
    public static TaskMessage v2(MessageCodec codec, String task, List<?> args, Map<String, ?> kwargs,
                                 TaskOptions options, String replyTo, String origin, Instant now,
                                 List<Map<String, Object>> chain) {
        if (task == null || task.isBlank()) {
            throw new CeleryException("Task name '" + task + "' is blank. Fix: name the task as the worker registers"
                    + " it, e.g. tasks.add.");
        }
        List<Object> a = args == null ? List.of() : new ArrayList<>(args);
        Map<String, Object> k = kwargs == null ? Map.of() : new LinkedHashMap<>(kwargs);
        String id = options.taskId() != null ? options.taskId() : UUID.randomUUID().toString();
        Instant eta = options.eta() != null ? options.eta()
                : options.countdown() != null ? now.plus(options.countdown()) : null;
        Instant expires = options.expires() != null ? options.expires()
                : options.expiresIn() != null ? now.plus(options.expiresIn()) : null;

        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("lang", "py");
        headers.put("task", task);
        headers.put("id", id);
        headers.put("shadow", null);
        headers.put("eta", eta == null ? null : CeleryTime.format(eta));
        headers.put("expires", expires == null ? null : CeleryTime.format(expires));
        headers.put("group", null);
        headers.put("group_index", null);
        headers.put("retries", options.retries());
        headers.put("timelimit", java.util.Arrays.asList(seconds(options.timeLimit()),
                seconds(options.softTimeLimit())));
        headers.put("root_id", options.rootId() != null ? options.rootId() : id);
        headers.put("parent_id", options.parentId());
        headers.put("argsrepr", PyRepr.args(a));
        headers.put("kwargsrepr", PyRepr.of(k));
        headers.put("origin", origin);
        headers.put("ignore_result", options.ignoreResult());

        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("callbacks", null);
        embed.put("errbacks", null);
        embed.put("chain", chain == null || chain.isEmpty() ? null : new ArrayList<>(chain));
        embed.put("chord", null);
        List<Object> body = new ArrayList<>(3);
        body.add(a);
        body.add(k);
        body.add(embed);
        EncodedBody encoded = codec.encode(body, options.serializer(), null, null, options.compression());
        if (encoded.compression() != null) {
            headers.put("compression", encoded.compression());
        }
        MessageProperties props = new MessageProperties(encoded.contentType(), encoded.contentEncoding(), headers,
                DeliveryMode.PERSISTENT, options.priority() == null ? 0 : options.priority(), id,
                replyTo == null ? "" : replyTo, null, null, null, null, null, null, null);
        return new TaskMessage(id, task, options.exchange(), options.routingKey(), props, encoded.body());
    }

    /** Validates. */
    public TaskMessage {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(body, "body");
    }

    private static Number seconds(Duration d) {
        if (d == null) {
            return null;
        }
        return d.getNano() == 0 ? (Number) d.getSeconds() : (Number) (d.toNanos() / 1e9);
    }
}
