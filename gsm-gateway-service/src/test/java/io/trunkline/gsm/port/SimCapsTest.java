package io.trunkline.gsm.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SimCapsTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-26T23:59:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void perMinuteCapSlides() {
        TestClock clock = new TestClock();
        SimCaps caps = new SimCaps(0, 3, 0, clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(caps.allows(0));
            caps.sent();
            clock.now = clock.now.plusSeconds(10);
        }
        assertFalse(caps.allows(0), "three parts in the last minute");
        clock.now = clock.now.plusSeconds(31); // the first part is now more than a minute old
        assertTrue(caps.allows(0));
        assertFalse(caps.allows(1), "a part on its way counts");
    }

    @Test
    void dailyCapCountsWhatWasSentBeforeARestartAndResetsAtUtcMidnight() {
        TestClock clock = new TestClock();
        SimCaps caps = new SimCaps(5, 0, 4, clock);
        assertTrue(caps.allows(0));
        caps.sent();
        assertFalse(caps.allows(0));
        assertTrue(caps.dailyCapReached());
        assertEquals(5, caps.sentToday());
        clock.now = clock.now.plus(Duration.ofMinutes(2)); // next UTC day
        assertTrue(caps.allows(0));
        assertFalse(caps.dailyCapReached());
        assertEquals(0, caps.sentToday());
    }

    @Test
    void noCapsMeansNoLimit() {
        SimCaps caps = new SimCaps(0, 0, 1_000_000, Clock.systemUTC());
        assertTrue(caps.allows(100));
        assertFalse(caps.dailyCapReached());
    }
}
