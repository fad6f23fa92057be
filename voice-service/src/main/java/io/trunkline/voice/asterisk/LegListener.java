package io.trunkline.voice.asterisk;

import java.time.Instant;

/** What a driver reports about a leg; called from driver threads. */
public interface LegListener {
    void answered(String legId, String channel, Instant at);

    /** The leg is over: {@code outcome} ANSWERED if it had been answered, else why it was not. */
    void ended(String legId, LegOutcome outcome, Integer cause, String detail, Instant at);
}
