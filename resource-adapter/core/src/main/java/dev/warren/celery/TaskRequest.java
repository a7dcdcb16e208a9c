package dev.warren.celery;

import dev.warren.Message;
import dev.warren.WarrenException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Celery task message as a worker reads it: task protocol v2 (the {@code task} header present; body
 * {@code [args, kwargs, embed]}) or v1 (no {@code task} header; body {@code {"task", "id", "args", "kwargs", …}}).
 *
 * @param protocol 1 or 2
 * @param id the task id
 * @param task the task name
 * @param args positional arguments (never null)
 * @param kwargs keyword arguments (never null)
 * @param eta the earliest time to run, or null
 * @param expires the time after which the task is revoked, or null
 * @param retries the retry count
 * @param rootId the root task's id, or null
 * @param parentId the parent task's id, or null
 * @param group the group id, or null
 * @param ignoreResult whether the sender asked for no successful result
 * @param replyTo the result queue ({@code rpc://}), or null when none
 * @param chain the remaining chain (v2 embed {@code chain}: next task last), never null
 * @param callbacks signatures to call with the result (embed {@code callbacks}), never null
 */
public record TaskRequest(int protocol, String id, String task, List<Object> args, Map<String, Object> kwargs,
                          Instant eta, Instant expires, int retries, String rootId, String parentId, String group,
                          boolean ignoreResult, String replyTo, List<Map<String, Object>> chain,
                          List<Map<String, Object>> callbacks) {

    /** Copies the collections. */
    public TaskRequest {
        args = args == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(args));
        kwargs = kwargs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        chain = chain == null ? List.of() : List.copyOf(chain);
        callbacks = callbacks == null ? List.of() : List.copyOf(callbacks);
    }

    /**
     * Reads a task message. Pure apart from decoding the body with the message's codec and accept list.
     *
     * @param message a delivered message
     * @return the request
     * @throws CeleryException naming the message and what is missing or malformed (not a Celery task message)
     * @throws dev.warren.DecodeException when the body cannot be decoded, or its serializer is not accepted
     */
    public static TaskRequest from(Message message) {
        Map<String, Object> h = message.headers() == null ? Map.of() : message.headers();
        String replyTo = blankToNull(message.properties().replyTo());
        Object body = message.payload();
        if (h.get("task") != null) {
            if (!(body instanceof List<?> parts) || parts.size() < 2) {
                throw bad(message, "a protocol v2 body must be [args, kwargs, embed], not " + type(body));
            }
            Map<String, Object> embed = parts.size() > 2 && parts.get(2) instanceof Map<?, ?> e ? map(e) : Map.of();
            String id = string(h.get("id"));
            if (id == null) {
                id = message.properties().correlationId();
            }
            if (id == null) {
                throw bad(message, "the protocol v2 header 'id' is missing");
            }
            return new TaskRequest(2, id, h.get("task").toString(), list(parts.get(0), message, "args"),
                    kwargs(parts.get(1), message), time(h.get("eta"), "eta"), time(h.get("expires"), "expires"),
                    number(h.get("retries")), string(h.get("root_id")), string(h.get("parent_id")),
                    string(h.get("group")), Boolean.TRUE.equals(h.get("ignore_result")), replyTo,
                    signatures(embed.get("chain")), signatures(embed.get("callbacks")));
        }
        if (!(body instanceof Map<?, ?> v1) || v1.get("task") == null || v1.get("id") == null) {
            throw bad(message, "it has no 'task' header (protocol v2) and its body is not a protocol v1 mapping with"
                    + " 'task' and 'id' but " + type(body));
        }
        return new TaskRequest(1, v1.get("id").toString(), v1.get("task").toString(),
                list(v1.get("args"), message, "args"), kwargs(v1.get("kwargs"), message),
                time(v1.get("eta"), "eta"), time(v1.get("expires"), "expires"), number(v1.get("retries")),
                null, null, string(v1.get("taskset")), false, replyTo, List.of(), signatures(v1.get("callbacks")));
    }

    private static CeleryException bad(Message message, String why) {
        return new CeleryException("Not a Celery task message: " + message.describe() + ": " + why + ". Fix: send"
                + " tasks with Celery's send_task/apply_async (task protocol 1 or 2).");
    }

    private static String type(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String string(Object v) {
        return v == null ? null : v.toString();
    }

    private static int number(Object v) {
        return v instanceof Number n ? n.intValue() : 0;
    }

    private static Instant time(Object v, String header) {
        if (v == null) {
            return null;
        }
        if (v instanceof Instant i) {
            return i;
        }
        return CeleryTime.parse(v.toString(), header);
    }

    private static List<Object> list(Object v, Message message, String what) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw bad(message, what + " must be a list, not " + type(v));
    }

    private static Map<String, Object> kwargs(Object v, Message message) {
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return map(m);
        }
        throw bad(message, "kwargs must be a mapping, not " + type(v));
    }

    private static Map<String, Object> map(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), x));
        return out;
    }

    private static List<Map<String, Object>> signatures(Object v) {
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object s : l) {
            if (s instanceof Map<?, ?> m) {
                out.add(map(m));
            } else {
                throw new WarrenException("A Celery signature in chain/callbacks is not a mapping but " + type(s)
                        + ". Fix: send signatures as Celery serializes them (dicts with 'task', 'args', 'kwargs').");
            }
        }
        return out;
    }
}
