package io.trunkline.gateway;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as the database keeps them (milliseconds), so that what an answer shows equals what a later read shows. */
public final class Clocks {
    private Clocks() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }
}
