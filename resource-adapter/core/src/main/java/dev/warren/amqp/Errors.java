package dev.warren.amqp;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.AMQP;
import dev.warren.BrokerException;
import dev.warren.WarrenException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that translates RabbitMQ client exceptions into {@link WarrenException}s whose messages
 * name the action, the entity, the broker's words and the fix.
 */
public final class Errors {
    private static final Pattern INEQUIVALENT = Pattern.compile(
            "inequivalent arg '([^']+)' for (queue|exchange) '([^']*)' in vhost '([^']*)': received (.+) but current is (.+)");
    private static final Pattern INVALID_ARG = Pattern.compile(
            "invalid arg '([^']+)' for (queue|exchange) '([^']*)' in vhost '[^']*': (.+)");
    private static final Pattern INVALID_TYPE = Pattern.compile(
            "invalid type '([^']+)' for arg '([^']+)' in (queue|exchange) '([^']*)'");
    private static final String CHANNEL_CLOSED = " The channel is closed; open a new session.";
    private static final String ARGUMENT_TYPES = "RabbitMQ wants a number for x-message-ttl, x-expires, x-max-length,"
            + " x-max-length-bytes, x-max-priority, x-delivery-limit; a string for x-dead-letter-exchange,"
            + " x-dead-letter-routing-key, x-queue-type, x-overflow, x-max-age (a number and a unit, e.g. 7D),"
            + " alternate-exchange; true or false for x-single-active-consumer. In Warren's argument properties a"
            + " documented argument gets that type by its name, and a quoted value is always a string.";

    private Errors() {
    }

    /**
     * @param action what was being done, naming the entity, e.g. {@code declare queue 'video'}
     * @param e the client's exception
     * @return the translated exception (the client's is its cause)
     */
    public static WarrenException translate(String action, Throwable e) {
        if (e instanceof WarrenException) {
            return (WarrenException) e;
        }
        ShutdownSignalException sse = shutdownSignal(e);
        if (sse != null) {
            return fromShutdown(action, sse, e);
        }
        javax.net.ssl.SSLException tls = find(e, javax.net.ssl.SSLException.class);
        if (tls != null) {
            return TlsFailures.translate(action, tls);
        }
        if (e instanceof TimeoutException) {
            return new BrokerException("Cannot " + action + ": timed out waiting for the broker. Fix: check that"
                    + " the broker is reachable and not overloaded, or raise the timeout.", 0, false, true, e);
        }
        if (e instanceof AuthenticationFailureException || e instanceof PossibleAuthenticationFailureException) {
            return new BrokerException("Cannot " + action + ": the broker refused the credentials (" + e.getMessage()
                    + "). Fix: check the username and password settings (or the user:password part of uri),"
                    + " and that the user may access the virtual host.",
                    403, true, e);
        }
        if (e instanceof UnknownHostException) {
            return new BrokerException("Cannot " + action + ": unknown host " + e.getMessage()
                    + ". Fix: check the host setting (or the host in uri / addresses).", 0, true, true, e);
        }
        if (e instanceof java.net.SocketTimeoutException || e instanceof java.net.NoRouteToHostException) {
            return new BrokerException("Cannot " + action + ": the broker did not answer (" + e
                    + "). Fix: check the host and port settings (or uri / addresses) and the network; lower"
                    + " connectionTimeout to fail sooner.", 0, true, true, e);
        }
        if (e instanceof ConnectException) {
            return new BrokerException("Cannot " + action + ": connection refused (" + e.getMessage()
                    + "). Fix: check the host and port settings (or uri / addresses), and that RabbitMQ is running"
                    + " there.", 0, true, true, e);
        }
        if (e instanceof IOException) {
            return new BrokerException("Cannot " + action + ": I/O error talking to the broker (" + e
                    + "). Fix: check the connection to the broker; the channel must be replaced.", 0, true, true, e);
        }
        return new WarrenException("Cannot " + action + ": " + e, e);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static ShutdownSignalException shutdownSignal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException) {
                return (ShutdownSignalException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static BrokerException fromShutdown(String action, ShutdownSignalException sse, Throwable e) {
        Method reason = sse.getReason();
        int code = 0;
        String text = sse.getMessage();
        if (reason instanceof AMQP.Channel.Close) {
            code = ((AMQP.Channel.Close) reason).getReplyCode();
            text = ((AMQP.Channel.Close) reason).getReplyText();
        } else if (reason instanceof AMQP.Connection.Close) {
            code = ((AMQP.Connection.Close) reason).getReplyCode();
            text = ((AMQP.Connection.Close) reason).getReplyText();
        }
        String prefix = e instanceof AlreadyClosedException
                ? "Cannot " + action + ": the " + (sse.isHardError() ? "connection" : "channel")
                        + " is already closed (earlier cause: " + text + ")"
                : "Cannot " + action + ": the broker says " + text;
        return new BrokerException(prefix + ". Fix: " + fix(code, text, sse.isHardError()), code, true,
                sse.isHardError() && code != 530 && code != 403, e);
    }

    private static String preconditionFailedFix(String text) {
        Matcher m = INEQUIVALENT.matcher(text);
        if (m.find()) {
            return "the " + m.group(2) + " '" + m.group(3) + "' already exists with argument '" + m.group(1)
                    + "' = " + m.group(6) + ", but this declaration has " + m.group(5) + ". Declare it with"
                    + " the existing settings, or delete the " + m.group(2) + " first (its messages are lost)."
                    + CHANNEL_CLOSED;
        }
        m = INVALID_ARG.matcher(text);
        if (m.find() && m.group(4).contains("routing_key_but_no_dlx_defined")) {
            return "the queue '" + m.group(3) + "' has x-dead-letter-routing-key without x-dead-letter-exchange: add"
                    + " x-dead-letter-exchange (an empty string for the default exchange)." + CHANNEL_CLOSED;
        }
        if (m.find(0)) {
            return "the broker refuses the value of argument '" + m.group(1) + "' of " + m.group(2) + " '"
                    + m.group(3) + "' (" + m.group(4) + "): give it the type and a value RabbitMQ documents for it. "
                    + ARGUMENT_TYPES + CHANNEL_CLOSED;
        }
        m = INVALID_TYPE.matcher(text);
        if (m.find()) {
            return "the broker refuses argument '" + m.group(2) + "' of " + m.group(3) + " '" + m.group(4)
                    + "': its value has the type " + m.group(1) + ". " + ARGUMENT_TYPES + CHANNEL_CLOSED;
        }
        if (text.contains("x-match")) {
            return "write the binding argument x-match as all, any, all-with-x or any-with-x." + CHANNEL_CLOSED;
        }
        if (text.contains("unknown delivery tag")) {
            return "a message was acknowledged or rejected twice, or on another channel than the one that received"
                    + " it; settle each message once, on its own channel." + CHANNEL_CLOSED;
        }
        return "the request conflicts with the entity's current state (the broker's words above say which)."
                + CHANNEL_CLOSED;
    }

    private static String fix(int code, String text, boolean connection) {
        switch (code) {
            case 404:
                return "declare the entity first (or check its name and the virtual host)."
                        + " The channel is closed; open a new session.";
            case 406:
                return preconditionFailedFix(text == null ? "" : text);
            case 403:
                if (text != null && text.contains("default exchange")) {
                    return "the default exchange ('') cannot be bound to or declared: it already routes to every queue"
                            + " by the queue's name. Bind to a named exchange (activation property exchange, a binding"
                            + " EXCHANGE:KEY), or publish to the default exchange with the queue name as routing key."
                            + CHANNEL_CLOSED;
                }
                if (text != null && text.contains("reserved prefix")) {
                    return "names starting with 'amq.' are reserved for the broker: choose another name (the"
                            + " broker's own amq.* exchanges exist already and need no declaration)." + CHANNEL_CLOSED;
                }
                return "grant the user the needed permission on the virtual host (rabbitmqctl set_permissions).";
            case 405:
                return "the queue is exclusive to another connection; use another name, or stop the other user.";
            case 320:
                return "the broker or an operator closed the connection; it must be re-established.";
            case 503:
                return (text != null && text.contains("exchange type")
                        ? "use an exchange type the broker knows: direct, fanout, topic or headers (or enable the"
                        + " plugin that provides it). " : "")
                        + (connection ? "The connection must be re-established." : "The channel is closed; open a new session.");
            case 530:
                return "check the virtualHost setting (or the vhost part of uri, '/' is %2F): the virtual host"
                        + " must exist (rabbitmqctl add_vhost) and the user needs permissions on it"
                        + " (rabbitmqctl set_permissions).";
            default:
                return connection ? "the connection must be re-established." : "open a new session.";
        }
    }
}
