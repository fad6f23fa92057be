package io.trunkline.relay.smpp;

import java.util.Locale;
import java.util.Optional;

import io.trunkline.relay.PartState;

/**
 * The {@code stat:} words of a delivery receipt's text (SMPP 3.4 Appendix B, table B-2), plus ENROUTE, which SMSCs
 * send in intermediate notifications, and the non-standard FAILED some providers send.
 */
public enum ReceiptStat {
    DELIVRD(PartState.DELIVERED),
    EXPIRED(PartState.EXPIRED),
    DELETED(PartState.FAILED),
    UNDELIV(PartState.UNDELIVERED),
    ACCEPTD(PartState.ENROUTE),
    UNKNOWN(PartState.UNKNOWN),
    REJECTD(PartState.FAILED),
    ENROUTE(PartState.ENROUTE),
    /** Not in the spec; seen from real providers (jasmin issue 447). */
    FAILED(PartState.FAILED);

    private final PartState partState;

    ReceiptStat(PartState partState) {
        this.partState = partState;
    }

    /** What this word means for the part it reports on. */
    public PartState partState() {
        return partState;
    }

    /** Reads a stat word, tolerating case and the spelled-out forms (DELIVERED, UNDELIVERABLE, ...). */
    public static Optional<ReceiptStat> parse(String word) {
        if (word == null || word.isBlank()) {
            return Optional.empty();
        }
        String w = word.trim().toUpperCase(Locale.ROOT);
        for (ReceiptStat s : values()) {
            if (s.name().equals(w)) {
                return Optional.of(s);
            }
        }
        return Optional.ofNullable(switch (w) {
            case "DELIVERED" -> DELIVRD;
            case "UNDELIVERABLE", "UNDELIVERED" -> UNDELIV;
            case "REJECTED" -> REJECTD;
            case "ACCEPTED" -> ACCEPTD;
            case "FAIL" -> FAILED;
            default -> null;
        });
    }
}
