package dev.warren.sample;

import dev.warren.Message;
import dev.warren.WarrenException;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a received {@link Message} into a JSON-friendly map for the HTTP API: where it came from, its
 * content type and encoding, the decoded body (structured serializers) or the size and SHA-256 of a raw
 * body (e.g. {@code image/jpeg}), which proves raw bytes arrive untouched. Stateless.
 */
public final class MessageView {
    private MessageView() {
    }

    /**
     * @param message the message
     * @return true when the body is raw data the sample does not decode (not a serializer's content type)
     */
    public static boolean isRaw(Message message) {
        String ct = message.contentType();
        return ct != null && (ct.startsWith("image/") || ct.startsWith("video/") || ct.equals("application/data")
                || ct.equals("application/octet-stream"));
    }

    /**
     * @param message the message; its body is decoded with the receiver's accept list
     * @return the view
     */
    public static Map<String, Object> of(Message message) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("queue", message.deliveryInfo().queue());
        v.put("exchange", message.deliveryInfo().exchange());
        v.put("routingKey", message.deliveryInfo().routingKey());
        v.put("redelivered", message.redelivered());
        v.put("contentType", message.contentType());
        v.put("contentEncoding", message.contentEncoding());
        v.put("bytes", message.body().length);
        if (isRaw(message)) {
            v.put("sha256", sha256(message.body()));
        } else {
            try {
                v.put("body", jsonFriendly(message.payload()));
            } catch (WarrenException e) {
                v.put("bodyError", e.getMessage());
            }
        }
        v.put("receivedAt", Instant.now().toString());
        return v;
    }

    /** @param data bytes @return their SHA-256 as lower-case hex */
    public static String sha256(byte[] data) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(data);
            return String.format("%064x", new BigInteger(1, d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Object jsonFriendly(Object o) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean) {
            return o;
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), jsonFriendly(val)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(MessageView::jsonFriendly).toList();
        }
        if (o instanceof byte[] b) {
            return b.length + " bytes, sha256 " + sha256(b);
        }
        return String.valueOf(o);
    }
}
