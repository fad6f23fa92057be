package io.trunkline.billing.messaging;

/** Messaging channel names (see application.properties), shared with tests. */
public final class Channels {
    /** {@code cdr.events} in; its dead-letter topic is {@code cdr.events.dlq}. */
    public static final String CDR_EVENTS = "cdr-events";
    /** The worker pool CDRs are rated on; {@code smallrye.messaging.worker.billing-cdr.max-concurrency} sizes it. */
    public static final String CDR_WORKERS = "billing-cdr";
    /** The consumer group (and inbox name). */
    public static final String GROUP = "billing-service";

    private Channels() {
    }
}
