package io.trunkline.gsm.port;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A SIM's sending caps: parts per UTC day and per sliding minute (0 = no cap). Updated by the port's driver thread;
 * read also by the ops endpoint and the consumer (sticky destinations), hence synchronized.
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
    public synchronized boolean allows(int pending) {
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
    public synchronized void sent() {
        roll();
        sentToday++;
        if (perMinuteCap > 0) {
            lastMinute.addLast(clock.instant());
        }
    }

    /** True when the daily cap is set and this UTC day's parts reached it: the SIM sends nothing more today. */
    public synchronized boolean dailyCapReached() {
        roll();
        return dailyCap > 0 && sentToday >= dailyCap;
    }

    public synchronized int sentToday() {
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
