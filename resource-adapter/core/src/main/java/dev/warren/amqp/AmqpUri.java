package dev.warren.amqp;

import dev.warren.WarrenException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A parsed {@code amqp://} or {@code amqps://} URI (RabbitMQ's URI spec): every part it names, nothing it does not.
 * Parsing is strict where a lax parser would connect somewhere else: a uri whose host or user info did not parse
 * (an unencoded {@code @ # / ?} or space in the password, a bad {@code %} escape, no {@code //}) is refused, and no
 * message ever repeats the uri or the parser's words (they may hold the password). Immutable.
 *
 * @param tls whether the scheme is amqps
 * @param host the host, or null when the uri names none
 * @param port the port, or null when the uri names none
 * @param virtualHost the decoded virtual host, or null when the uri has no path
 * @param username the decoded user name, or null
 * @param password the decoded password, or null
 * @param heartbeat the {@code heartbeat} query parameter (seconds), or null
 * @param connectionTimeout the {@code connection_timeout} query parameter (ms), or null
 * @param channelMax the {@code channel_max} query parameter, or null
 * @param saslMechanism the {@code auth_mechanism} query parameter, or null
 */
record AmqpUri(boolean tls, String host, Integer port, String virtualHost, String username, String password,
               Integer heartbeat, Integer connectionTimeout, Integer channelMax, SaslMechanism saslMechanism) {

    static final String FIX = "Fix: write it as amqp://user:password@host:5672/vhost or amqps://… (vhost '/' is %2F),"
            + " percent-encoding reserved characters in the user name and password (@ is %40, # is %23, / is %2F,"
            + " ? is %3F, : is %3A, % is %25, space is %20), or leave the password out of the uri and set the"
            + " password property instead.";

    /**
     * @param text the uri
     * @return the parsed uri
     * @throws WarrenException saying what did not parse (never repeating the uri) and how to fix it
     */
    static AmqpUri parse(String text) {
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            // the reason is the parser's fixed wording; its message (which quotes the uri) is never used
            throw invalid("it is not a valid URI (" + e.getReason().toLowerCase(Locale.ROOT) + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            throw invalid("its scheme is not amqp or amqps");
        }
        if (u.isOpaque() || u.getRawAuthority() == null) {
            throw invalid("it has no '//' and host after '" + scheme + ":'");
        }
        if (u.getHost() == null) {
            throw invalid("its host (or the user info before it) did not parse");
        }
        if (u.getRawFragment() != null || contains(u.getRawPath(), '@') || contains(u.getRawQuery(), '@')) {
            throw invalid("an '@' or '#' follows the host, so part of the user info ended up in the path, query or"
                    + " fragment (an unencoded / ? or # in the password?)");
        }
        String user = null;
        String password = null;
        String info = u.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String vhost = null;
        String path = u.getRawPath();
        if (path != null && !path.isEmpty()) {
            String raw = path.substring(1);
            if (raw.indexOf('/') >= 0) {
                throw invalid("its path names more than one segment; the virtual host is a single segment");
            }
            vhost = decode(raw);
        }
        String host = u.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        Query q = Query.parse(u.getRawQuery());
        return new AmqpUri(scheme.equals("amqps"), host, u.getPort() < 0 ? null : u.getPort(), vhost, user, password,
                q.heartbeat, q.connectionTimeout, q.channelMax, q.sasl);
    }

    /**
     * @param text a uri, possibly holding a password
     * @return the uri without its password (user info as {@code user:***}), or a placeholder when it does not parse;
     *         null for null
     */
    static String redact(String text) {
        if (text == null) {
            return null;
        }
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            return "(a uri that does not parse; not shown)";
        }
        if (u.isOpaque() || u.getHost() == null || u.getRawFragment() != null
                || contains(u.getRawPath(), '@') || contains(u.getRawQuery(), '@')) {
            return "(a uri that does not parse; not shown)";
        }
        String info = u.getRawUserInfo();
        StringBuilder sb = new StringBuilder(u.getScheme()).append("://");
        if (info != null) {
            int colon = info.indexOf(':');
            sb.append(colon < 0 ? info : info.substring(0, colon) + ":***").append('@');
        }
        sb.append(u.getRawAuthority().substring(info == null ? 0 : info.length() + 1));
        if (u.getRawPath() != null) {
            sb.append(u.getRawPath());
        }
        if (u.getRawQuery() != null) {
            sb.append('?').append(u.getRawQuery());
        }
        return sb.toString();
    }

    private static boolean contains(String s, char c) {
        return s != null && s.indexOf(c) >= 0;
    }

    /** Percent-decoding of a part the URI parser already checked (every % starts a valid escape); + stays +. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static WarrenException invalid(String what) {
        return new WarrenException("the uri was refused: " + what + ". " + FIX);
    }

    /** The query parameters Warren reads from a uri; any other is refused (a misspelt one would be ignored). */
    private record Query(Integer heartbeat, Integer connectionTimeout, Integer channelMax, SaslMechanism sasl) {
        static Query parse(String raw) {
            Integer heartbeat = null;
            Integer timeout = null;
            Integer channelMax = null;
            SaslMechanism sasl = null;
            if (raw == null || raw.isEmpty()) {
                return new Query(null, null, null, null);
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (key) {
                    case "heartbeat" -> heartbeat = number(key, value);
                    case "connection_timeout" -> timeout = number(key, value);
                    case "channel_max" -> channelMax = number(key, value);
                    case "auth_mechanism" -> sasl = SaslMechanism.parse("uri parameter auth_mechanism", value);
                    default -> throw new WarrenException("the uri was refused: it has the query parameter '" + key
                            + "', which Warren does not read. Fix: use heartbeat, connection_timeout, channel_max or"
                            + " auth_mechanism in the uri, and the trustStore/keyStore/tlsProtocols properties for TLS.");
                }
            }
            return new Query(heartbeat, timeout, channelMax, sasl);
        }

        private static Integer number(String key, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new WarrenException("the uri was refused: its query parameter " + key + "='" + value
                    + "' is not a number of 0 or more. Fix: e.g. " + key + "=60.");
        }
    }
}
