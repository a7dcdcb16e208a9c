package dev.warren.amqp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A connection's last error never carries a password. */
class ConnectionMonitorTest {
    @Test
    void passwordsAreRemovedFromErrors() {
        assertEquals("cannot reach amqp://app:***@rabbit:5672/%2F: refused",
                ConnectionMonitor.redact("cannot reach amqp://app:s3cr3t@rabbit:5672/%2F: refused"));
        assertEquals("login failed (password=***)", ConnectionMonitor.redact("login failed (password=hunter2)"));
        assertEquals("Connection refused", ConnectionMonitor.redact("Connection refused"));
        assertNull(ConnectionMonitor.redact(null));
    }

    @Test
    void theWorseStateWins() {
        assertEquals(ConnectionState.RECOVERING, ConnectionState.OPEN.worse(ConnectionState.RECOVERING));
        assertEquals(ConnectionState.CLOSED, ConnectionState.CLOSED.worse(ConnectionState.OPEN));
        assertEquals(ConnectionState.OPEN, ConnectionState.OPEN.worse(null));
    }
}
