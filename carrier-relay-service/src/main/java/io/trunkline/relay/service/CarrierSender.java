package io.trunkline.relay.service;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.util.AbsoluteTimeFormatter;

import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.relay.config.RelayConfig;
import io.trunkline.relay.smpp.CarrierLink;
import io.trunkline.relay.smpp.CommandStatus;
import io.trunkline.relay.smpp.MessageEncoder;

/**
 * A carrier's dispatcher: while the link is up and its circuit closed, it claims queued messages in batches of as
 * many as the submit window has free slots ({@code window-size} per bind) and hands each to a worker, so many
 * submit_sm are in flight at once. A worker submits the message's parts in order on the next bound session
 * (round-robin over the carrier's binds), each after a token from the carrier's bucket, and records the outcome.
 * Throttling answers are waited out and the same part is submitted again; an unanswered submit is never repeated
 * (the message becomes UNKNOWN); a message none of whose parts went out goes back to the queue.
 */
final class CarrierSender extends QueueSender {
    private static final Logger LOG = Logger.getLogger(CarrierSender.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    /** How often a part is retried after the link dropped under it (each time after the link is back). */
    private static final int LINK_RETRIES = 3;

    private final CarrierLink link;
    private final RelayConfig.Carrier config;
    private final SubmitService submits;
    private final Semaphore work;
    private final MeterRegistry registry;
    private final AtomicInteger references;
    private final int window;
    private final Semaphore slots;

    private final BatchWriter<SubmitService.Completion, Boolean> outcomes;
    private final Duration idlePollMax;
    private final PendingOutcomes pending;

    CarrierSender(CarrierLink link, SubmitService submits, BatchWriter<SubmitService.Completion, Boolean> outcomes,
            PendingOutcomes pending, Semaphore work, AtomicInteger references, MeterRegistry registry,
            Duration idlePollMax) {
        super("smpp-" + link.name() + "-submit-", windowOf(link.config()));
        this.link = link;
        this.config = link.config();
        this.submits = submits;
        this.outcomes = outcomes;
        this.pending = pending;
        this.idlePollMax = idlePollMax.compareTo(IDLE_POLL) < 0 ? IDLE_POLL : idlePollMax;
        this.work = work;
        this.references = references;
        this.registry = registry;
        this.window = windowOf(config);
        this.slots = new Semaphore(window);
    }

    private static int windowOf(RelayConfig.Carrier config) {
        return Math.max(1, Math.max(config.windowSize(), config.senders())) * Math.max(1, config.binds());
    }

    /** submit_sm in flight at most (window size times binds). */
    int window() {
        return window;
    }

    @Override
    public void run() {
        Duration idle = IDLE_POLL;
        while (running && !Thread.currentThread().isInterrupted()) {
            int taken = 0;
            try {
                if (link.circuitOpen() || link.awaitTransmitter(IDLE_POLL) == null) {
                    if (link.transmitter() != null) {
                        Thread.sleep(IDLE_POLL.toMillis()); // bound but the circuit is cooling down
                    }
                    continue;
                }
                if (!slots.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                taken = 1 + slots.drainPermits();
                if (taken < window / 2) {
                    // outcomes commit in batches, so slots come back in bursts: gather the burst into one claim
                    Thread.sleep(1);
                    taken += slots.drainPermits();
                }
                List<Claim> claims = submits.claimBatch(link.name(), taken);
                slots.release(taken - claims.size());
                taken = claims.size();
                if (claims.isEmpty()) {
                    // idle: a wake-up (a message queued here, a failover) ends the wait at once; else poll ever
                    // more slowly (1 s doubling up to idle-poll-max) for messages another instance queued
                    if (work.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS)) {
                        idle = IDLE_POLL;
                    } else {
                        idle = min(idle.multipliedBy(2), idlePollMax);
                    }
                    work.drainPermits();
                    continue;
                }
                idle = IDLE_POLL;
                for (Claim c : claims) {
                    workers.execute(() -> {
                        try {
                            runOne(c);
                        } finally {
                            slots.release();
                        }
                    });
                    taken--;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // stopping; claimed messages left SUBMITTING are swept to UNKNOWN, never resent
            } catch (RuntimeException e) {
                slots.release(taken);
                LOG.errorf(e, "%s: dispatcher error; continuing", link.name());
                sleep(IDLE_POLL);
            }
        }
    }

    private void runOne(Claim claim) {
        try {
            Outcome outcome = send(claim);
            boolean interrupted = Thread.interrupted(); // record the outcome first, then stop
            // with the other workers' outcomes in one transaction; returns once it committed. Receipts for these
            // ids that arrive meanwhile wait for that commit instead of becoming orphans.
            java.util.concurrent.CompletableFuture<Void> recorded = pending.register(outcome.carrierIds());
            try {
                outcomes.write(new SubmitService.Completion(claim, outcome));
            } finally {
                pending.done(outcome.carrierIds(), recorded);
            }
            registry.counter("trunkline.relay.submits", "carrier", link.name(), "outcome",
                    outcome.kind().name().toLowerCase()).increment();
            if (outcome.kind() != Outcome.Kind.REQUEUE) {
                LOG.debugf("%s: %s %s %s", link.name(), claim.messageId(), outcome.kind(), outcome.carrierIds());
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: %s: recording the outcome failed; the stale sweep settles it", link.name(),
                    claim.messageId());
        }
    }

    Outcome send(Claim m) {
        if (m.validUntil() != null && Instant.now().isAfter(m.validUntil())) {
            return Outcome.expired();
        }
        List<MessageEncoder.Part> parts;
        try {
            parts = MessageEncoder.encode(m.text(), m.encoding(), references.incrementAndGet(), config.longMessages());
        } catch (IllegalArgumentException e) {
            return Outcome.failed("ENCODING", e.getMessage(), List.of(), 0);
        }
        List<String> ids = new ArrayList<>(parts.size());
        try {
            return sendParts(m, parts, ids);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ids.isEmpty() ? Outcome.requeue("relay stopping")
                    : Outcome.failed("STOPPED", "relay stopped after " + ids.size() + " of " + parts.size() + " parts",
                            ids, parts.size());
        }
    }

    private Outcome sendParts(Claim m, List<MessageEncoder.Part> parts, List<String> ids) throws InterruptedException {
        for (MessageEncoder.Part part : parts) {
            int throttled = 0;
            int linkRetries = 0;
            Duration backoff = config.throttleBackoff();
            while (true) {
                SMPPSession session = link.transmitter();
                if (session == null) {
                    if (ids.isEmpty()) {
                        return Outcome.requeue("link down");
                    }
                    session = link.awaitTransmitter(config.reconnectBackoffMax().plus(config.bindTimeout()));
                    if (session == null) {
                        return Outcome.failed("LINK_DOWN", "link lost after " + ids.size() + " of " + parts.size()
                                + " parts", ids, parts.size());
                    }
                }
                try {
                    link.bucket().acquire();
                    ids.add(submit(session, m, part));
                    link.success();
                    break;
                } catch (NegativeResponseException e) {
                    int status = e.getCommandStatus();
                    if (CommandStatus.retryLater(status) && throttled++ < config.throttleRetries()) {
                        LOG.debugf("%s: %s, part %d again in %s", link.name(), CommandStatus.describe(status),
                                part.number(), backoff);
                        Thread.sleep(backoff.toMillis());
                        backoff = min(backoff.multipliedBy(2), config.throttleBackoffMax());
                        continue;
                    }
                    return Outcome.failed(CommandStatus.hex(status), CommandStatus.describe(status), ids, parts.size());
                } catch (ResponseTimeoutException e) {
                    link.failure();
                    return Outcome.unknown("no submit_sm_resp for part " + part.number() + " within "
                            + config.submitTimeout() + "; not resent", ids, parts.size());
                } catch (InvalidResponseException e) {
                    return Outcome.unknown("invalid submit_sm_resp for part " + part.number() + ": " + e.getMessage(),
                            ids, parts.size());
                } catch (PDUException e) {
                    return Outcome.failed("PDU", "cannot build submit_sm: " + e.getMessage(), ids, parts.size());
                } catch (IOException e) {
                    // the PDU could not be written: nothing of this part reached the carrier
                    link.failure();
                    link.kick();
                    if (ids.isEmpty()) {
                        return Outcome.requeue(e.toString());
                    }
                    if (linkRetries++ >= LINK_RETRIES) {
                        return Outcome.failed("LINK_DOWN", "link lost after " + ids.size() + " of " + parts.size()
                                + " parts: " + e.getMessage(), ids, parts.size());
                    }
                    link.awaitTransmitter(config.reconnectBackoffMax().plus(config.bindTimeout()));
                }
            }
        }
        return Outcome.sent(ids);
    }

    private String submit(SMPPSession session, Claim m, MessageEncoder.Part part) throws PDUException,
            ResponseTimeoutException, InvalidResponseException, NegativeResponseException, IOException {
        boolean alphanumeric = m.sender().chars().anyMatch(Character::isLetter);
        TypeOfNumber sourceTon = alphanumeric ? TypeOfNumber.ALPHANUMERIC
                : TypeOfNumber.valueOf((byte) config.sourceTon());
        NumberingPlanIndicator sourceNpi = alphanumeric ? NumberingPlanIndicator.UNKNOWN
                : NumberingPlanIndicator.valueOf((byte) config.sourceNpi());
        return session.submitShortMessage(
                config.serviceType().orElse(""),
                sourceTon, sourceNpi, stripPlus(m.sender()),
                TypeOfNumber.valueOf((byte) config.destTon()), NumberingPlanIndicator.valueOf((byte) config.destNpi()),
                stripPlus(m.destination()),
                new ESMClass(part.esmClass()), (byte) 0, (byte) 0,
                null, validity(m.validUntil()),
                new RegisteredDelivery(m.deliveryReport() ? 1 : 0), (byte) 0,
                DataCodings.newInstance(part.dataCoding()), (byte) 0,
                part.shortMessage(), tlvs(part)).getMessageId();
    }

    static OptionalParameter[] tlvs(MessageEncoder.Part part) {
        if (part.payload() != null) {
            return new OptionalParameter[] {
                new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), part.payload()) };
        }
        if (part.sarRef() >= 0) {
            return new OptionalParameter[] {
                new OptionalParameter.Sar_msg_ref_num((short) part.sarRef()),
                new OptionalParameter.Sar_total_segments((byte) part.total()),
                new OptionalParameter.Sar_segment_seqnum((byte) part.number()) };
        }
        return new OptionalParameter[0];
    }

    /** SMPP absolute time {@code YYMMDDhhmmss000+} in UTC, or null for the SMSC's default validity. */
    static String validity(Instant until) {
        if (until == null) {
            return null;
        }
        Calendar c = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(until.toEpochMilli());
        return new AbsoluteTimeFormatter().format(c);
    }

    static String stripPlus(String address) {
        return address.startsWith("+") ? address.substring(1) : address;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
