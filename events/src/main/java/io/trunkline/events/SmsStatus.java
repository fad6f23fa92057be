package io.trunkline.events;

/** A step in an outbound message's life. */
public enum SmsStatus {
    QUEUED(false),
    SCHEDULED(false),
    /** Handed to a channel (modem, carrier bind) and not yet acknowledged by it. */
    SENDING(false),
    SENT(false),
    DELIVERED(true),
    /** A multipart message of which some parts were delivered and the others not. */
    PARTIALLY_DELIVERED(true),
    UNDELIVERED(true),
    FAILED(true),
    EXPIRED(true),
    CANCELED(true),
    /** The channel could not tell whether the message left (e.g. a response timeout); a receipt may still settle it. */
    UNKNOWN(false);

    private final boolean terminal;

    SmsStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }
}
