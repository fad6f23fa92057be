package io.trunkline.relay.service;

import java.time.Instant;
import java.util.List;

/**
 * How submitting a claimed message ended.
 *
 * @param carrierIds the message ids the carrier answered, one per accepted part, in part order
 * @param partsTotal how many parts the message was split into (0 if it never got that far)
 */
public record Outcome(Kind kind, List<String> carrierIds, int partsTotal, String errorCode, String reason,
        Instant at) {

    public enum Kind {
        /** Every part accepted. */
        SENT,
        /** Refused for good (a permanent command_status, an unencodable text, the link lost mid-message). */
        FAILED,
        /** A submit went unanswered: it may or may not have been taken. Never resent. */
        UNKNOWN,
        /** Its validity period passed while it waited for the carrier. */
        EXPIRED,
        /** Nothing went on the wire (the link was down): back to the queue. */
        REQUEUE
    }

    public Outcome {
        carrierIds = List.copyOf(carrierIds);
    }

    public static Outcome sent(List<String> ids) {
        return new Outcome(Kind.SENT, ids, ids.size(), null, null, Instant.now());
    }

    public static Outcome failed(String errorCode, String reason, List<String> ids, int partsTotal) {
        return new Outcome(Kind.FAILED, ids, partsTotal, errorCode, reason, Instant.now());
    }

    public static Outcome unknown(String reason, List<String> ids, int partsTotal) {
        return new Outcome(Kind.UNKNOWN, ids, partsTotal, null, reason, Instant.now());
    }

    public static Outcome expired() {
        return new Outcome(Kind.EXPIRED, List.of(), 0, null, "validity period passed before the carrier took it",
                Instant.now());
    }

    public static Outcome requeue(String reason) {
        return new Outcome(Kind.REQUEUE, List.of(), 0, null, reason, Instant.now());
    }
}
