package dev.warren.celery;

import dev.warren.DeliveryMode;
import dev.warren.EncodeException;
import dev.warren.MessageProperties;
import dev.warren.serialization.EncodedBody;
import dev.warren.serialization.MessageCodec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's result in the form of Celery's {@code rpc://} result backend, ready to publish to the default exchange
 * with the request's {@code reply_to} as routing key: body {@code {task_id, status, result, traceback, children,
 * date_done}}, json, correlation id = task id. A failure's result is {@code {exc_type, exc_message, exc_module}},
 * which Celery turns back into an exception (a class it cannot import is created under that name).
 *
 * @param routingKey the reply queue
 * @param properties the properties
 * @param body the json body
 */
public record TaskReply(String routingKey, MessageProperties properties, byte[] body) {

    /**
     * @param codec encodes the body (json)
     * @param request the task
     * @param result what the task returned (plain values, records or POJOs Jackson can write)
     * @param now the completion time
     * @return the SUCCESS reply
     * @throws EncodeException when the result cannot be serialized as json
     */
    public static TaskReply success(MessageCodec codec, TaskRequest request, Object result, Instant now) {
        return reply(codec, request, TaskStates.SUCCESS, result, null, now);
    }

    /**
     * @param codec encodes the body
     * @param request the task
     * @param error what the task threw: exc_type is its simple class name, exc_module its package, exc_message
     *        [its message], the traceback its Java stack trace
     * @param now the completion time
     * @return the FAILURE reply
     */
    public static TaskReply failure(MessageCodec codec, TaskRequest request, Throwable error, Instant now) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String type = error.getClass().getName();
        int dot = type.lastIndexOf('.');
        return reply(codec, request, TaskStates.FAILURE, exception(type.substring(dot + 1),
                dot < 0 ? null : type.substring(0, dot), error.getMessage() == null ? type : error.getMessage()),
                trace.toString(), now);
    }

    /**
     * @param codec encodes the body
     * @param request the task
     * @param reason {@code expired} or {@code revoked}
     * @param now the time
     * @return the REVOKED reply, as a Celery worker sends for a discarded task ({@code TaskRevokedError})
     */
    public static TaskReply revoked(MessageCodec codec, TaskRequest request, String reason, Instant now) {
        return reply(codec, request, TaskStates.REVOKED, exception("TaskRevokedError", "celery.exceptions", reason),
                null, now);
    }

    private static Map<String, Object> exception(String type, String module, String message) {
        Map<String, Object> exc = new LinkedHashMap<>();
        exc.put("exc_type", type);
        exc.put("exc_message", List.of(message));
        exc.put("exc_module", module);
        return exc;
    }

    private static TaskReply reply(MessageCodec codec, TaskRequest request, String status, Object result,
                                   String traceback, Instant now) {
        if (request.replyTo() == null) {
            throw new CeleryException("Task " + request.task() + "[" + request.id() + "] has no reply_to: there is"
                    + " nowhere to send its result.");
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("task_id", request.id());
        meta.put("status", status);
        meta.put("result", result);
        meta.put("traceback", traceback);
        meta.put("children", List.of());
        meta.put("date_done", CeleryTime.format(now));
        EncodedBody encoded = codec.encode(meta, "json", null, null, null);
        MessageProperties props = new MessageProperties(encoded.contentType(), encoded.contentEncoding(), Map.of(),
                DeliveryMode.TRANSIENT, 0, request.id(), null, null, null, null, null, null, null, null);
        return new TaskReply(request.replyTo(), props, encoded.body());
    }
}
