package dev.warren.amqp;

import dev.warren.WarrenException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One broker node to connect to. Immutable.
 *
 * @param host host name or IP address (IPv6 without brackets)
 * @param port TCP port, 1 to 65535
 */
public record Endpoint(String host, int port) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.%]+");
    private static final String FIX = "Fix: list host or host:port pairs separated by commas,"
            + " e.g. rabbit1:5672,rabbit2:5672 (IPv6 as [::1]:5672).";

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Parses the {@code addresses} property.
     *
     * @param text e.g. {@code rabbit1:5672,rabbit2:5672}; a node without a port gets {@code defaultPort}
     * @param defaultPort the port of nodes that name none
     * @return the nodes, in the order given
     * @throws WarrenException naming the part that is wrong (a separator other than a comma, an empty host, a port
     *         out of range) and the fix; the message starts with the property and its value
     */
    static List<Endpoint> parseList(String text, int defaultPort) {
        List<Endpoint> list = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            list.add(parseOne(text, part.trim(), defaultPort));
        }
        return List.copyOf(list);
    }

    private static Endpoint parseOne(String all, String part, int defaultPort) {
        if (part.isEmpty()) {
            throw invalid(all, "it has an empty host (two commas in a row, or a comma at either end)");
        }
        String host;
        String port = null;
        if (part.startsWith("[")) {
            int close = part.indexOf(']');
            if (close < 0) {
                throw invalid(all, "'" + part + "' opens an IPv6 address with '[' but does not close it");
            }
            host = part.substring(1, close);
            String rest = part.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(all, "'" + part + "' has '" + rest + "' after its IPv6 address");
                }
                port = rest.substring(1);
            }
            if (!IPV6.matcher(host).matches()) {
                throw invalid(all, "'" + host + "' is not an IPv6 address");
            }
        } else {
            int colon = part.indexOf(':');
            if (colon >= 0 && part.indexOf(':', colon + 1) >= 0) {
                throw invalid(all, "'" + part + "' has more than one ':' (write an IPv6 address as [::1]:5672)");
            }
            host = colon < 0 ? part : part.substring(0, colon);
            port = colon < 0 ? null : part.substring(colon + 1);
            if (host.isEmpty()) {
                throw invalid(all, "'" + part + "' has an empty host");
            }
            if (!HOST.matcher(host).matches()) {
                throw invalid(all, "the host '" + host + "' contains characters a host name cannot have"
                        + " (nodes are separated by commas, not by ';' or spaces)");
            }
        }
        return new Endpoint(host, port == null ? defaultPort : port(all, part, port));
    }

    private static int port(String all, String part, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(all, "the port '" + port + "' of '" + part + "' is not a number from 1 to 65535");
    }

    private static WarrenException invalid(String all, String what) {
        return new WarrenException("Invalid property addresses='" + all + "': " + what + ". " + FIX);
    }
}
