package io.trunkline.relay.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.relay.PartState;
import io.trunkline.relay.RelayMessage;
import io.trunkline.relay.RelayPart;
import io.trunkline.relay.config.RelayConfig;
import io.trunkline.relay.messaging.Channels;
import io.trunkline.relay.repository.RelayMessageRepository;
import io.trunkline.relay.repository.RelayPartRepository;
import io.trunkline.relay.smpp.MessageIds;

/**
 * The send queue and its state changes. A message is queued once (by id), claimed by one sender, and its outcome
 * is recorded with the events it causes in one transaction: the parts' carrier ids, the status change and the CDR.
 */
@ApplicationScoped
public class SubmitService {
    private static final Logger LOG = Logger.getLogger(SubmitService.class);

    private final RelayMessageRepository messages;
    private final RelayPartRepository parts;
    private final ReceiptService receipts;
    private final Outbox outbox;
    private final RelayConfig config;
    private final jakarta.transaction.TransactionSynchronizationRegistry transactions;
    /** The transaction's resource key for the messages {@link #enqueueAtCommit} holds until the commit. */
    private static final Object PENDING_QUEUE = new Object();

    public SubmitService(RelayMessageRepository messages, RelayPartRepository parts, ReceiptService receipts,
            Outbox outbox, RelayConfig config, jakarta.transaction.TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.messages = messages;
        this.parts = parts;
        this.receipts = receipts;
        this.outbox = outbox;
        this.config = config;
    }

    /** Queues the message for the carrier; false if this message id was queued before (it is never sent twice). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enqueue(SmsAccepted sms, String carrier) {
        return messages.insertQueued(sms, carrier);
    }

    /**
     * Queues the message for the carrier as part of the caller's transaction, written together with every other
     * message queued in that transaction just before it commits: one multi-row INSERT per {@code 100} messages instead
     * of one statement each (the {@code sms.outbound} consumer queues a whole poll per transaction). A message id
     * already known is left as it is (never sent twice); a failing insert fails the commit, so the caller's
     * transaction rolls back whole.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAtCommit(SmsAccepted sms, String carrier) {
        @SuppressWarnings("unchecked")
        List<RelayMessageRepository.Queued> pending = (List<RelayMessageRepository.Queued>) transactions
                .getResource(PENDING_QUEUE);
        if (pending == null) {
            List<RelayMessageRepository.Queued> rows = new ArrayList<>();
            // the transaction's own session, opened and joined to the transaction now: a synchronization may not be
            // registered (as opening it would) once the commit has begun
            org.hibernate.Session session = messages.getEntityManager()
                    .unwrap(org.hibernate.engine.spi.SessionImplementor.class);
            transactions.putResource(PENDING_QUEUE, rows);
            transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() == jakarta.transaction.Status.STATUS_ACTIVE) {
                        messages.insertQueuedAll(session, rows);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            pending = rows;
        }
        pending.add(new RelayMessageRepository.Queued(sms, carrier));
    }

    /** Claims the carrier's oldest queued message, committed before anything goes on the wire. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claimNext(String carrier) {
        return messages.claimNext(carrier, UUID.randomUUID().toString()).map(Claim::of);
    }

    /** Claims up to {@code max} of the carrier's oldest queued messages, committed before anything is sent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claim> claimBatch(String carrier, int max) {
        return messages.claimBatch(carrier, UUID.randomUUID().toString(), max).stream().map(Claim::of).toList();
    }

    /** Moves a carrier's queued (never submitted) messages to its failover carrier; returns how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int failover(String from, String to, int maxHops) {
        return messages.failover(from, to, maxHops);
    }

    /**
     * Settles messages of the carrier that got no final receipt before their validity ended (plus the grace): they
     * become {@code status} (EXPIRED or UNKNOWN, per carrier) and the parts still open are closed with them.
     */
    public int expireOverdue(String carrier, java.time.Duration defaultValidity, java.time.Duration grace,
            RelayConfig.ExpiryStatus expiryStatus) {
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> messages.overdue(carrier,
                defaultValidity.toSeconds(), grace.toSeconds(), 500));
        int n = 0;
        for (String id : ids) {
            n += QuarkusTransaction.requiringNew().call(() -> {
                messages.lock(id);
                RelayMessage m = messages.findById(id);
                if (m == null || (m.state != RelayMessage.State.SENT && m.state != RelayMessage.State.UNKNOWN)) {
                    return 0;
                }
                SmsStatus status = expiryStatus == RelayConfig.ExpiryStatus.UNKNOWN ? SmsStatus.UNKNOWN
                        : SmsStatus.EXPIRED;
                if (m.state == RelayMessage.State.UNKNOWN && status == SmsStatus.UNKNOWN) {
                    return 0;
                }
                Instant now = Instant.now();
                boolean someDelivered = false;
                for (RelayPart p : parts.ofMessage(id)) {
                    if (!p.state.settled()) {
                        p.state = status == SmsStatus.EXPIRED ? PartState.EXPIRED : PartState.UNKNOWN;
                    }
                    someDelivered |= p.state == PartState.DELIVERED;
                }
                if (someDelivered && status == SmsStatus.EXPIRED) {
                    status = SmsStatus.PARTIALLY_DELIVERED; // the parts that never got a receipt expired
                }
                m.state = RelayMessage.State.of(status);
                m.reason = "no final receipt before the validity period ended";
                m.updatedAt = now;
                publishStatus(m, status, null, m.reason, now);
                LOG.infof("%s: no receipt before its validity ended; now %s", id, status);
                return 1;
            });
        }
        return n;
    }

    /** A channel without receipts (e-mail): the SENT message is DELIVERED now. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markDelivered(String messageId, String reason) {
        messages.lock(messageId);
        RelayMessage m = messages.findById(messageId);
        if (m == null || m.state != RelayMessage.State.SENT) {
            return;
        }
        m.state = RelayMessage.State.DELIVERED;
        m.updatedAt = Instant.now();
        publishStatus(m, SmsStatus.DELIVERED, null, reason, m.updatedAt);
    }

    /** How one claimed message's submit ended: what {@link #completeAll} records. */
    public record Completion(Claim claim, Outcome outcome) {
    }

    /** Records how the submit ended, with its events. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(Claim claim, Outcome outcome) {
        record(List.of(new Completion(claim, outcome)));
    }

    /**
     * Records several submits' outcomes in one transaction (the SMPP senders' group commit): the messages are locked
     * together (in id order, so two batches never deadlock), their parts inserted in one JDBC batch, then the events
     * published, then the orphan receipts naming any of the new parts applied with one lookup. All or nothing: if
     * the transaction fails, none of the messages changed (they stay SUBMITTING under their claim).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void completeAll(List<Completion> batch) {
        record(batch);
    }

    private void record(List<Completion> batch) {
        List<String> ids = batch.stream().map(c -> c.claim().messageId()).distinct().sorted().toList();
        java.util.Map<String, RelayMessage> byId = new java.util.HashMap<>();
        for (RelayMessage m : messages.lockAndLoad(ids)) { // locked in id order and read in one statement
            byId.put(m.messageId, m);
        }
        List<RelayPart> recorded = new ArrayList<>();
        List<TrunklineEvent> events = new ArrayList<>(batch.size() * 2);
        for (Completion c : batch) {
            Claim claim = c.claim();
            Outcome outcome = c.outcome();
            RelayMessage m = byId.get(claim.messageId());
            if (m == null) {
                LOG.errorf("%s: outcome %s for a message that is not in the queue table; ignored", claim.messageId(),
                        outcome.kind());
                continue;
            }
            recorded.addAll(recordParts(m, outcome));
            if (m.state != RelayMessage.State.SUBMITTING || !claim.token().equals(m.claimToken)) {
                LOG.warnf("%s: outcome %s arrived after the claim was given up (now %s); parts recorded only",
                        m.messageId, outcome.kind(), m.state);
                continue;
            }
            applyOutcome(m, outcome, events);
        }
        // parts first (one JDBC batch), then the batch's statuses and CDRs as one outbox batch
        outbox.publishAll(events);
        receipts.applyOrphansFor(recorded);
    }

    private void applyOutcome(RelayMessage m, Outcome outcome, List<TrunklineEvent> events) {
        m.updatedAt = Instant.now();
        m.claimToken = null;
        if (outcome.partsTotal() > 0) {
            m.partsTotal = outcome.partsTotal();
        }
        m.firstPartId = outcome.carrierIds().isEmpty() ? null : outcome.carrierIds().get(0);
        switch (outcome.kind()) {
            case REQUEUE -> {
                m.state = RelayMessage.State.QUEUED;
                m.reason = outcome.reason();
            }
            case SENT -> {
                m.state = RelayMessage.State.SENT;
                m.submittedAt = outcome.at();
                events.add(statusEvent(m, SmsStatus.SENT, null, null, outcome.at()));
                events.add(cdrEvent(m, true, outcome.at()));
            }
            case FAILED -> {
                m.state = RelayMessage.State.FAILED;
                m.errorCode = outcome.errorCode();
                m.reason = truncate(outcome.reason());
                events.add(statusEvent(m, SmsStatus.FAILED, outcome.errorCode(), m.reason, outcome.at()));
                events.add(cdrEvent(m, false, outcome.at()));
            }
            case UNKNOWN -> {
                m.state = RelayMessage.State.UNKNOWN;
                m.reason = truncate(outcome.reason());
                m.submittedAt = outcome.at();
                events.add(statusEvent(m, SmsStatus.UNKNOWN, null, m.reason, outcome.at()));
            }
            case EXPIRED -> {
                m.state = RelayMessage.State.EXPIRED;
                m.reason = outcome.reason();
                events.add(statusEvent(m, SmsStatus.EXPIRED, null, m.reason, outcome.at()));
                events.add(cdrEvent(m, false, outcome.at()));
            }
        }
    }

    private List<RelayPart> recordParts(RelayMessage m, Outcome outcome) {
        List<RelayPart> recorded = new ArrayList<>();
        for (int i = 0; i < outcome.carrierIds().size(); i++) {
            RelayPart p = new RelayPart();
            p.id = UUID.randomUUID().toString();
            p.carrier = m.carrier;
            p.carrierMessageId = outcome.carrierIds().get(i);
            p.normId = MessageIds.normalise(p.carrierMessageId);
            p.messageId = m.messageId;
            p.tenantId = m.tenantId;
            p.partNo = i + 1;
            p.state = PartState.SENT;
            p.submittedAt = outcome.at();
            parts.persist(p);
            recorded.add(p);
        }
        return recorded;
    }

    void publishStatus(RelayMessage m, SmsStatus status, String errorCode, String reason, Instant at) {
        outbox.publish(statusEvent(m, status, errorCode, reason, at));
    }

    private SmsStatusChanged statusEvent(RelayMessage m, SmsStatus status, String errorCode, String reason,
            Instant at) {
        return new SmsStatusChanged(m.messageId, m.tenantId, status, channelOf(m.carrier), m.firstPartId, errorCode,
                reason, at);
    }

    /**
     * One CDR per message; its id is stable so a redelivery can never bill twice. With the carrier's price
     * configured it carries the buy cost (segments as submitted x the price; 0 when the carrier never took it).
     */
    private CdrRecorded cdrEvent(RelayMessage m, boolean success, Instant at) {
        // an HTTP carrier takes the whole text in one request but bills the segments the gateway counted
        int segments = Channels.HTTP.equals(channelOf(m.carrier)) ? Math.max(1, m.segments)
                : m.partsTotal != null ? m.partsTotal : m.segments;
        Optional<BuyPrice.Cost> cost = BuyPrice.of(priceOf(m.carrier), m.destination, segments, success);
        return new CdrRecorded("sms-out-" + m.messageId, m.tenantId, CdrService.SMS_OUT, m.messageId,
                m.sender, m.destination, segments, 0, at, null, at, channelOf(m.carrier), m.carrier, success, null,
                cost.map(BuyPrice.Cost::amount).orElse(null), cost.map(BuyPrice.Cost::currency).orElse(null));
    }

    private RelayConfig.Price priceOf(String carrier) {
        RelayConfig.Carrier smpp = config.carriers().get(carrier);
        if (smpp != null) {
            return smpp.price();
        }
        RelayConfig.HttpCarrier http = config.httpCarriers().get(carrier);
        return http == null ? null : http.price();
    }

    /** A sender that claimed a message and never reported back died mid-submit: the message is UNKNOWN, not resent. */
    @Scheduled(every = "${trunkline.relay.stale-sweep-interval:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepStale() {
        List<String> stale = QuarkusTransaction.requiringNew()
                .call(() -> messages.staleSubmitting(config.staleSubmitAfter().toSeconds()));
        for (String id : stale) {
            QuarkusTransaction.requiringNew().run(() -> {
                messages.lock(id);
                RelayMessage m = messages.findById(id);
                if (m == null || m.state != RelayMessage.State.SUBMITTING) {
                    return;
                }
                m.state = RelayMessage.State.UNKNOWN;
                m.claimToken = null;
                m.reason = "the sender stopped while submitting; the carrier may or may not have it";
                m.updatedAt = Instant.now();
                LOG.warnf("%s: stuck in SUBMITTING, now UNKNOWN", id);
                publishStatus(m, SmsStatus.UNKNOWN, null, m.reason, m.updatedAt);
            });
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 255 ? s : s.substring(0, 255);
    }

    /** {@code http} for an HTTP carrier, else {@code smpp}: the channel named in the events. */
    String channelOf(String carrier) {
        if (io.trunkline.relay.email.EmailSender.CARRIER.equals(carrier)) {
            return "email";
        }
        return config.httpCarriers().containsKey(carrier) && !config.carriers().containsKey(carrier) ? Channels.HTTP
                : Channels.CHANNEL;
    }
}
