package dev.warren.amqp;

import dev.warren.WarrenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The supervision's waits double from the initial one and stop at the cap. */
class BackoffTest {
    @Test
    void doublesUpToTheCap() {
        Backoff b = Backoff.DEFAULT;
        assertEquals(1000, b.delayMillis(1));
        assertEquals(2000, b.delayMillis(2));
        assertEquals(16_000, b.delayMillis(5));
        assertEquals(30_000, b.delayMillis(6));
        assertEquals(30_000, b.delayMillis(1000));
    }

    @Test
    void aZeroStartStillGrows() {
        Backoff b = new Backoff(Duration.ZERO, Duration.ofMillis(10));
        assertEquals(0, b.delayMillis(1));
        assertEquals(2, b.delayMillis(2));
        assertEquals(10, b.delayMillis(10));
    }

    @Test
    void aCapBelowTheStartIsRefused() {
        assertThrows(WarrenException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
