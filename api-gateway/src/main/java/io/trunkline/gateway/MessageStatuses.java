package io.trunkline.gateway;

import java.util.Locale;
import java.util.Optional;

import io.trunkline.events.SmsStatus;

/** Ordering of message statuses so that a late or repeated report never moves a message backwards. */
public final class MessageStatuses {
    private MessageStatuses() {
    }

    /**
     * How far along a status is: a report may raise a message's status only to a higher rank. Terminal statuses share
     * the top rank, so once a message has one it keeps it.
     */
    public static int rank(SmsStatus status) {
        if (status.terminal()) {
            return 100;
        }
        return switch (status) {
            // a scheduled message becomes queued when it is due; negative so that the ranks stored before scheduling
            // existed (queued = 0) stay valid
            case SCHEDULED -> -10;
            case QUEUED -> 0;
            case SENDING -> 15;
            case UNKNOWN -> 20;
            case SENT -> 30;
            default -> throw new IllegalArgumentException("unranked status " + status);
        };
    }

    /** The status as the API shows it: lower case. */
    public static String external(SmsStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** Reads an API status name (any case). */
    public static Optional<SmsStatus> parse(String value) {
        try {
            return Optional.of(SmsStatus.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
