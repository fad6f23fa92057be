package io.trunkline.gsm.port;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A SIM's sending caps: parts per UTC day and per sliding minute (0 = no cap). Used by the port's driver thread
 * only; not thread-safe.
 */
public final class SimCaps {
    private final int dailyCap;
    private final int perMinuteCap;
    private final Clock clock;
    private final Deque<Instant> lastMinute = new ArrayDeque<>();
    private LocalDate day;
    private int sentToday;

    public SimCaps(int dailyCap, int perMinuteCap, int alreadySentToday, Clock clock) {
        this.dailyCap = dailyCap;
        this.perMinuteCap = perMinuteCap;
        this.clock = clock;
        this.day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        this.sentToday = alreadySentToday;
    }

    /** True if one more message may be claimed while {@code pending} parts are on their way but not counted. */
    public boolean allows(int pending) {
        roll();
        if (dailyCap > 0 && sentToday + pending >= dailyCap) {
            return false;
        }
        if (perMinuteCap > 0) {
            Instant cutoff = clock.instant().minus(Duration.ofMinutes(1));
            while (!lastMinute.isEmpty() && !lastMinute.peekFirst().isAfter(cutoff)) {
                lastMinute.pollFirst();
            }
            return lastMinute.size() + pending < perMinuteCap;
        }
        return true;
    }

    /** A part was sent. */
    public void sent() {
        roll();
        sentToday++;
        if (perMinuteCap > 0) {
            lastMinute.addLast(clock.instant());
        }
    }

    public int sentToday() {
        roll();
        return sentToday;
    }

    private void roll() {
        LocalDate d = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!d.equals(day)) {
            day = d;
            sentToday = 0;
        }
    }
}
