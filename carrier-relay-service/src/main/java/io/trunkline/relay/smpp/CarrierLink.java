package io.trunkline.relay.smpp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;

import io.trunkline.relay.config.RelayConfig;

/**
 * The SMPP session(s) to one carrier, kept bound in the background: a failed bind or a dropped session is retried
 * with exponential backoff, forever, without ever blocking the caller. {@link #transmitter()} is the session to
 * submit on while it is bound.
 */
public final class CarrierLink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CarrierLink.class);

    public enum State {
        DOWN, BINDING, BOUND, STOPPED
    }

    private final String name;
    private final RelayConfig.Carrier config;
    private final MessageReceiverListener receiver;
    private final List<Bind> binds = new ArrayList<>();
    private final List<Bind> transmitters = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    private final TokenBucket bucket;
    private final Object circuitLock = new Object();
    private int failures;
    private Instant openedAt;

    public CarrierLink(String name, RelayConfig.Carrier config, MessageReceiverListener receiver) {
        this.name = name;
        this.config = config;
        this.receiver = receiver;
        for (int i = 0; i < Math.max(1, config.binds()); i++) {
            switch (config.bindMode()) {
                case TRANSCEIVER -> transmitters.add(add(new Bind(BindType.BIND_TRX, i)));
                case TRANSMITTER -> transmitters.add(add(new Bind(BindType.BIND_TX, i)));
                case TRANSMITTER_AND_RECEIVER -> {
                    transmitters.add(add(new Bind(BindType.BIND_TX, i)));
                    add(new Bind(BindType.BIND_RX, i));
                }
            }
        }
        this.bucket = TokenBucket.perSecond(config.maxSubmitsPerSecond());
    }

    private Bind add(Bind b) {
        binds.add(b);
        return b;
    }

    /** The carrier's rate limit, shared by all its binds. */
    public TokenBucket bucket() {
        return bucket;
    }

    /** A submit, bind or session failed: counts towards opening the circuit. */
    public void failure() {
        synchronized (circuitLock) {
            failures++;
            if (failures >= Math.max(1, config.circuitFailures()) && openedAt == null) {
                openedAt = Instant.now();
                LOG.warnf("%s: circuit open after %d consecutive failures", name, failures);
            }
        }
    }

    /** A submit was answered or a bind succeeded: the circuit closes. */
    public void success() {
        synchronized (circuitLock) {
            if (openedAt != null) {
                LOG.infof("%s: circuit closed", name);
            }
            failures = 0;
            openedAt = null;
        }
    }

    /**
     * Open: the carrier failed {@code circuit-failures} times in a row and has not recovered since (no bound
     * transmitter, or less than {@code circuit-open-for} ago). Its queued traffic may move to its failover carriers.
     */
    public boolean circuitOpen() {
        synchronized (circuitLock) {
            if (openedAt == null) {
                return false;
            }
            boolean cooling = Instant.now().isBefore(openedAt.plus(config.circuitOpenFor()));
            return cooling || transmitter() == null;
        }
    }

    /** CLOSED, OPEN, or HALF_OPEN (the open period passed and a transmitter is bound: the next submit decides). */
    public String circuitState() {
        synchronized (circuitLock) {
            if (openedAt == null) {
                return "CLOSED";
            }
            return circuitOpen() ? "OPEN since " + openedAt : "HALF_OPEN";
        }
    }

    public String name() {
        return name;
    }

    public RelayConfig.Carrier config() {
        return config;
    }

    /** Starts binding in the background; returns at once. */
    public void start() {
        for (Bind b : binds) {
            Thread t = new Thread(b, "smpp-" + name + "-" + b.type.name().toLowerCase() + "-" + b.index);
            t.setDaemon(true);
            b.thread = t;
            t.start();
        }
    }

    /** The bound session to submit on, or null while the link is down. */
    public SMPPSession transmitter() {
        int n = transmitters.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            SMPPSession s = transmitters.get((start + i) % n).session;
            if (s != null && s.getSessionState().isTransmittable()) {
                return s;
            }
        }
        return null;
    }

    /** Waits up to {@code timeout} for a transmitter; returns it or null. */
    public SMPPSession awaitTransmitter(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        SMPPSession s;
        while ((s = transmitter()) == null && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        return s;
    }

    /** Every session this link needs is bound. */
    public boolean bound() {
        return binds.stream().allMatch(b -> b.state == State.BOUND && b.session != null
                && b.session.getSessionState().isBound());
    }

    /** Per bind: its state, since when, and the last bind error. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Bind b : binds) {
            String v = b.state + (b.since == null ? "" : " since " + b.since)
                    + (b.lastError == null ? "" : " (" + b.lastError + ")");
            out.put(b.type.name() + (config.binds() > 1 ? "-" + b.index : ""), v);
        }
        return out;
    }

    /** Asks the bind threads to reconnect now (after an I/O error on submit). */
    public void kick() {
        binds.forEach(Bind::wake);
    }

    @Override
    public void close() {
        for (Bind b : binds) {
            b.stop();
        }
    }

    private final class Bind implements Runnable {
        final BindType type;
        final Object signal = new Object();
        volatile boolean running = true;
        volatile SMPPSession session;
        volatile State state = State.DOWN;
        volatile Instant since;
        volatile String lastError;
        Thread thread;
        final int index;

        Bind(BindType type, int index) {
            this.type = type;
            this.index = index;
        }

        @Override
        public void run() {
            Duration backoff = config.reconnectBackoff();
            while (running) {
                SMPPSession s = session;
                if (s != null && s.getSessionState().isBound()) {
                    await(1_000);
                    continue;
                }
                if (s != null) {
                    if (state == State.BOUND) {
                        failure();
                        LOG.warnf("%s: %s session lost (%s); binding again", name, type, s.getSessionState());
                    }
                    s.close();
                    session = null;
                }
                state = State.BINDING;
                try {
                    session = connect();
                    state = State.BOUND;
                    since = Instant.now();
                    lastError = null;
                    backoff = config.reconnectBackoff();
                    if (type != BindType.BIND_RX) {
                        success();
                    }
                    LOG.infof("%s: bound %s to %s:%d as %s", name, type, config.host(), config.port(), config.systemId());
                } catch (IOException | RuntimeException e) {
                    state = State.DOWN;
                    since = Instant.now();
                    failure();
                    lastError = e.getMessage() == null ? e.toString() : e.getMessage();
                    LOG.warnf("%s: %s bind to %s:%d failed: %s; next attempt in %s", name, type, config.host(),
                            config.port(), lastError, backoff);
                    await(backoff.toMillis());
                    backoff = min(backoff.multipliedBy(2), config.reconnectBackoffMax());
                }
            }
            state = State.STOPPED;
        }

        private SMPPSession connect() throws IOException {
            SMPPSession s = new SMPPSession();
            if (type != BindType.BIND_TX) {
                s.setMessageReceiverListener(receiver);
            }
            s.setTransactionTimer(config.submitTimeout().toMillis());
            // incoming PDUs (receipts, MO, submit_sm_resp) are handled by this many threads; beyond the queue
            // capacity jSMPP answers ESME_RTHROTTLED and the SMSC sends again later
            s.setPduProcessorDegree(Math.max(1, config.receiveThreads()));
            s.setQueueCapacity(Math.max(1, config.receiveQueue()));
            s.setEnquireLinkTimer((int) config.enquireLinkInterval().toMillis());
            s.addSessionStateListener((newState, oldState, source) -> {
                if (!newState.isBound()) {
                    wake();
                }
            });
            try {
                s.connectAndBind(config.host(), config.port(), new BindParameter(type, config.systemId(),
                        config.password(), config.systemType().orElse(""), TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN, null), config.bindTimeout().toMillis());
                return s;
            } catch (IOException | RuntimeException e) {
                if (s.getSessionState() != SessionState.CLOSED) {
                    s.close();
                }
                throw e;
            }
        }

        void wake() {
            synchronized (signal) {
                signal.notifyAll();
            }
        }

        private void await(long millis) {
            synchronized (signal) {
                try {
                    signal.wait(Math.max(1, millis));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }

        void stop() {
            running = false;
            wake();
            SMPPSession s = session;
            if (s != null) {
                s.unbindAndClose();
            }
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            state = State.STOPPED;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
