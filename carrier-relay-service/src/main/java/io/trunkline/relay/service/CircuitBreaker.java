package io.trunkline.relay.service;

import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

/**
 * An HTTP carrier's circuit (an SMPP carrier's lives in its {@code CarrierLink}, where a bound session also counts).
 * Opens after {@code threshold} consecutive failures and stays open {@code openFor}; then it is half-open: one request
 * is let through, and its success closes the circuit while its failure opens it again for another {@code openFor}.
 */
public final class CircuitBreaker {
    private static final Logger LOG = Logger.getLogger(CircuitBreaker.class);

    private final String name;
    private final int threshold;
    private final Duration openFor;
    private int failures;
    private Instant openedAt;

    public CircuitBreaker(String name, int threshold, Duration openFor) {
        this.name = name;
        this.threshold = Math.max(1, threshold);
        this.openFor = openFor;
    }

    public synchronized void failure() {
        failures++;
        if (failures >= threshold && (openedAt == null || !open())) {
            openedAt = Instant.now();
            LOG.warnf("%s: circuit open after %d consecutive failures", name, failures);
        }
    }

    public synchronized void success() {
        if (openedAt != null) {
            LOG.infof("%s: circuit closed", name);
        }
        failures = 0;
        openedAt = null;
    }

    /** Open: no request goes to the carrier, and its queued messages may move to its failover carriers. */
    public synchronized boolean open() {
        return openedAt != null && Instant.now().isBefore(openedAt.plus(openFor));
    }

    /** The open period passed without a success since: the next request decides. */
    public synchronized boolean halfOpen() {
        return openedAt != null && !open();
    }

    /** Consecutive failures so far. */
    public synchronized int failures() {
        return failures;
    }

    /** CLOSED, {@code OPEN since <instant>} or HALF_OPEN, as an SMPP carrier's circuit reads. */
    public synchronized String state() {
        if (openedAt == null) {
            return "CLOSED";
        }
        return open() ? "OPEN since " + openedAt : "HALF_OPEN";
    }
}
