package io.trunkline.relay.service;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.relay.OrphanReceipt;
import io.trunkline.relay.PartState;
import io.trunkline.relay.RelayMessage;
import io.trunkline.relay.RelayPart;
import io.trunkline.relay.config.RelayConfig;
import io.trunkline.relay.messaging.Channels;
import io.trunkline.relay.repository.OrphanReceiptRepository;
import io.trunkline.relay.repository.RelayMessageRepository;
import io.trunkline.relay.repository.RelayPartRepository;
import io.trunkline.relay.smpp.DeliveryReceipt;
import io.trunkline.relay.smpp.ReceiptStat;

/**
 * Delivery receipts: the part is found by (carrier, normalised id), marked, the message's status rolled up and, if
 * it changed, published, all in one transaction that commits before the deliver_sm is acknowledged. A receipt that
 * names no known part is kept as an orphan and matched again when parts are recorded and periodically.
 */
@ApplicationScoped
public class ReceiptService {
    private static final Logger LOG = Logger.getLogger(ReceiptService.class);

    /** What one receipt says, whether it came off the wire or out of the orphan table. */
    record Facts(List<String> candidates, PartState state, String stat, String err) {
    }

    public enum Result {
        APPLIED, DUPLICATE, ORPHAN
    }

    private final RelayMessageRepository messages;
    private final RelayPartRepository parts;
    private final OrphanReceiptRepository orphans;
    private final Outbox outbox;
    private final RelayConfig config;
    private final MeterRegistry registry;
    private final java.util.concurrent.ConcurrentMap<String, io.micrometer.core.instrument.Counter> counters =
            new java.util.concurrent.ConcurrentHashMap<>();

    public ReceiptService(RelayMessageRepository messages, RelayPartRepository parts, OrphanReceiptRepository orphans,
            Outbox outbox, RelayConfig config, MeterRegistry registry) {
        this.messages = messages;
        this.parts = parts;
        this.orphans = orphans;
        this.outbox = outbox;
        this.config = config;
        this.registry = registry;
    }

    /** A receipt as it came in on a carrier's bind (or an HTTP carrier's endpoint). */
    public record Incoming(String carrier, DeliveryReceipt receipt) {
    }

    /** Applies a receipt from the carrier; returns once its effect (or the orphan) is committed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Result onReceipt(String carrier, DeliveryReceipt receipt) {
        return applyAll(List.of(new Incoming(carrier, receipt))).get(0);
    }

    /**
     * Applies several receipts in one transaction (the receivers' group commit); returns each one's result, in
     * order, once everything is committed. The parts are looked up with one query per carrier of the account for
     * the whole batch, the messages locked together in id order, their parts read once after the lock; receipts
     * naming no part are stored as orphans. All or nothing: if it fails, no receipt of the batch was applied.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Result> onReceipts(List<Incoming> batch) {
        return applyAll(batch);
    }

    private List<Result> applyAll(List<Incoming> batch) {
        int n = batch.size();
        List<Facts> facts = new java.util.ArrayList<>(n);
        for (Incoming in : batch) {
            RelayConfig.Carrier c = config.carriers().get(in.carrier());
            facts.add(new Facts(io.trunkline.relay.smpp.MessageIds.candidates(in.receipt().quotedIds(),
                    c == null ? RelayConfig.IdFormat.AUTO : c.idFormat()), in.receipt().partState(),
                    in.receipt().statName(), in.receipt().err()));
        }
        List<RelayPartRepository.Ref> found = findAll(batch, facts);
        List<String> locked = found.stream().filter(java.util.Objects::nonNull)
                .map(RelayPartRepository.Ref::messageId).distinct().sorted().toList();
        java.util.Map<String, RelayMessage> byId = new java.util.HashMap<>();
        messages.lockAndLoad(locked).forEach(m -> byId.put(m.messageId, m)); // one locking read, id order
        java.util.Map<String, List<RelayPart>> siblings = new java.util.HashMap<>();
        for (RelayPart p : parts.ofMessages(locked)) {
            siblings.computeIfAbsent(p.messageId, k -> new java.util.ArrayList<>()).add(p);
        }
        List<Result> results = new java.util.ArrayList<>(n);
        List<SmsStatusChanged> events = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Incoming in = batch.get(i);
            RelayPartRepository.Ref ref = found.get(i);
            Result result;
            if (ref == null) {
                storeOrphan(in.carrier(), in.receipt(), facts.get(i));
                result = Result.ORPHAN;
            } else {
                List<RelayPart> ofMessage = siblings.getOrDefault(ref.messageId(), List.of());
                RelayPart part = ofMessage.stream().filter(p -> p.id.equals(ref.id())).findFirst().orElse(null);
                RelayMessage m = byId.get(ref.messageId());
                result = part == null || m == null ? Result.DUPLICATE : applyTo(part, m, ofMessage, facts.get(i),
                        events);
            }
            results.add(result);
        }
        outbox.publishAll(events); // the batch's status changes as one multi-row insert, in receipt order
        for (int i = 0; i < n; i++) {
            counter(batch.get(i).carrier(), results.get(i)).increment();
        }
        return results;
    }

    /**
     * For each receipt, the part it names (or null): among the parts of the carrier that received it, then of the
     * carriers on the same SMSC account; the earliest candidate id that matches wins, then the newest part. One
     * query per carrier for the whole batch.
     */
    private List<RelayPartRepository.Ref> findAll(List<Incoming> batch, List<Facts> facts) {
        int n = batch.size();
        List<List<String>> accounts = batch.stream().map(in -> account(in.carrier())).toList();
        java.util.Map<String, java.util.Set<String>> wanted = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            for (String c : accounts.get(i)) {
                wanted.computeIfAbsent(c, k -> new java.util.LinkedHashSet<>()).addAll(facts.get(i).candidates());
            }
        }
        java.util.Map<String, java.util.Map<String, List<RelayPartRepository.Ref>>> rows = new java.util.HashMap<>();
        wanted.forEach((carrier, ids) -> {
            java.util.Map<String, List<RelayPartRepository.Ref>> byNorm = new java.util.HashMap<>();
            for (RelayPartRepository.Ref r : parts.refsByNormIds(carrier, ids)) {
                byNorm.computeIfAbsent(r.normId(), k -> new java.util.ArrayList<>()).add(r);
            }
            rows.put(carrier, byNorm);
        });
        List<RelayPartRepository.Ref> found = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RelayPartRepository.Ref match = null;
            for (String c : accounts.get(i)) {
                java.util.Map<String, List<RelayPartRepository.Ref>> byNorm = rows.getOrDefault(c, java.util.Map.of());
                for (String candidate : facts.get(i).candidates()) {
                    match = byNorm.getOrDefault(candidate, List.of()).stream()
                            .max(java.util.Comparator.comparing(RelayPartRepository.Ref::submittedAt))
                            .orElse(null);
                    if (match != null) {
                        break;
                    }
                }
                if (match != null) {
                    break;
                }
            }
            found.add(match);
        }
        return found;
    }

    /**
     * Orphans that name one of these just-recorded parts: applied now, in the caller's transaction. One lookup for
     * all the parts (a whole batch of submit outcomes); each orphan goes to the part its earliest candidate names.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyOrphansFor(List<RelayPart> recorded) {
        if (recorded.isEmpty()) {
            return;
        }
        java.util.Set<String> carriers = new java.util.LinkedHashSet<>();
        java.util.Map<String, List<RelayPart>> byNorm = new java.util.HashMap<>();
        for (RelayPart p : recorded) {
            carriers.addAll(account(p.carrier));
            byNorm.computeIfAbsent(p.normId, k -> new java.util.ArrayList<>()).add(p);
        }
        List<OrphanReceipt> open = orphans.openForAny(carriers, List.copyOf(byNorm.keySet()),
                Instant.now().minus(config.orphanRetention()));
        List<SmsStatusChanged> events = new java.util.ArrayList<>();
        for (OrphanReceipt o : open) {
            Facts facts = facts(o);
            RelayPart target = null;
            for (String candidate : facts.candidates()) {
                target = byNorm.getOrDefault(candidate, List.of()).stream()
                        .filter(p -> account(p.carrier).contains(o.carrier)).findFirst().orElse(null);
                if (target != null) {
                    break;
                }
            }
            if (target != null) {
                apply(target, facts, events);
                resolve(o, target.messageId);
            }
        }
        outbox.publishAll(events);
    }

    /** Matches open orphans again: a receipt can overtake the commit that records its part. */
    @Scheduled(every = "${trunkline.relay.orphan-retry-interval:15s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryOrphans() {
        List<OrphanReceipt> open = QuarkusTransaction.requiringNew()
                .call(() -> orphans.open(Instant.now().minus(config.orphanRetention()), 500));
        for (OrphanReceipt o : open) {
            QuarkusTransaction.requiringNew().run(() -> {
                OrphanReceipt current = orphans.findById(o.id);
                if (current == null || current.resolvedAt != null) {
                    return;
                }
                Facts facts = facts(current);
                find(current.carrier, facts.candidates()).ifPresent(p -> {
                    List<SmsStatusChanged> events = new java.util.ArrayList<>(1);
                    apply(p, facts, events);
                    outbox.publishAll(events);
                    resolve(current, p.messageId);
                    LOG.infof("%s: orphan receipt %s matched message %s", current.carrier, current.receiptId,
                            p.messageId);
                });
            });
        }
    }

    /**
     * The part among the carrier's, then among the carriers bound to the same SMSC account (host, port and
     * system_id): an SMSC sends a receipt to any receiver of the account, not necessarily the bind that submitted.
     */
    private Optional<RelayPart> find(String carrier, List<String> candidates) {
        for (String c : account(carrier)) {
            Optional<RelayPart> p = parts.findByCandidates(c, candidates);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** The carrier first, then the other carriers configured with the same host, port and system_id. */
    List<String> account(String carrier) {
        RelayConfig.Carrier self = config.carriers().get(carrier);
        if (self == null) {
            return List.of(carrier);
        }
        List<String> out = new java.util.ArrayList<>();
        out.add(carrier);
        config.carriers().forEach((name, c) -> {
            if (!name.equals(carrier) && c.host().equals(self.host()) && c.port() == self.port()
                    && c.systemId().equals(self.systemId())) {
                out.add(name);
            }
        });
        return out;
    }

    /** Applies one receipt to a part found outside a batch (orphans): locks its message and reads its parts. */
    private Result apply(RelayPart found, Facts facts, List<SmsStatusChanged> events) {
        messages.lock(found.messageId);
        RelayPart part = parts.findById(found.id);
        RelayMessage m = messages.findById(part.messageId);
        return applyTo(part, m, parts.ofMessage(m.messageId), facts, events);
    }

    /**
     * Marks the part and rolls the message up; {@code siblings} are the message's parts (including {@code part}),
     * read after its row lock. A status change is added to {@code events}, which the caller publishes (one outbox
     * batch) in the same transaction.
     */
    private Result applyTo(RelayPart part, RelayMessage m, List<RelayPart> siblings, Facts facts,
            List<SmsStatusChanged> events) {
        if (part.state.settled()) {
            LOG.debugf("%s part %d: receipt %s after %s ignored", part.messageId, part.partNo, facts.stat(),
                    part.state);
            return Result.DUPLICATE;
        }
        Instant now = Instant.now();
        part.state = facts.state();
        part.errorCode = facts.err() == null ? null : truncate(facts.err(), 16);
        part.receiptAt = now;
        List<PartState> states = siblings.stream().map(p -> p.state).toList();
        int total = m.partsTotal != null ? m.partsTotal : states.size();
        Optional<SmsStatus> rolled = StatusRollup.rollup(total, states);
        if (rolled.isEmpty() || m.state.terminal() || m.state.status() == rolled.get()
                || m.state == RelayMessage.State.SUBMITTING || m.state == RelayMessage.State.QUEUED) {
            return Result.APPLIED;
        }
        SmsStatus status = rolled.get();
        m.state = RelayMessage.State.of(status);
        m.updatedAt = now;
        String errorCode = status == SmsStatus.DELIVERED ? null : firstFailedError(siblings, facts);
        String reason = status == SmsStatus.DELIVERED ? null : "receipt stat:" + facts.stat();
        m.errorCode = errorCode;
        events.add(new SmsStatusChanged(m.messageId, m.tenantId, status, channelOf(m.carrier), m.firstPartId,
                errorCode, reason, now));
        LOG.debugf("%s: %s after receipt for part %d", m.messageId, status, part.partNo);
        return Result.APPLIED;
    }

    /** The receipts counter of a carrier and result, registered once (a registry lookup per receipt costs). */
    private io.micrometer.core.instrument.Counter counter(String carrier, Result result) {
        return counters.computeIfAbsent(carrier + '\u0000' + result.name(), k -> registry.counter(
                "trunkline.relay.receipts", "carrier", carrier, "result", result.name().toLowerCase()));
    }

    private static String firstFailedError(List<RelayPart> siblings, Facts facts) {
        return siblings.stream().filter(p -> p.state.failed() && p.errorCode != null)
                .map(p -> p.errorCode).findFirst().orElse(facts.err());
    }

    private void storeOrphan(String carrier, DeliveryReceipt receipt, Facts facts) {
        OrphanReceipt o = new OrphanReceipt();
        o.id = UUID.randomUUID().toString();
        o.carrier = carrier;
        o.receiptId = receipt.quotedIds().isEmpty() ? null : truncate(receipt.quotedIds().get(0), 80);
        o.candidateIds = truncate(String.join(",", facts.candidates()), 400);
        o.stat = facts.stat() == null ? null : truncate(facts.stat(), 16);
        o.errorCode = facts.err() == null ? null : truncate(facts.err(), 16);
        o.body = truncate(receipt.text(), 1000);
        o.receivedAt = Instant.now();
        orphans.persist(o);
        LOG.warnf("%s: receipt for unknown message id %s (stat %s) kept as orphan %s", carrier,
                receipt.quotedIds(), facts.stat(), o.id);
    }

    private static Facts facts(OrphanReceipt o) {
        List<String> candidates = o.candidateIds == null || o.candidateIds.isBlank() ? List.of()
                : Arrays.asList(o.candidateIds.split(","));
        PartState state = ReceiptStat.parse(o.stat).map(ReceiptStat::partState).orElse(PartState.UNKNOWN);
        return new Facts(candidates, state, o.stat, o.errorCode);
    }

    private static void resolve(OrphanReceipt o, String messageId) {
        o.resolvedAt = Instant.now();
        o.resolvedMessageId = messageId;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** {@code http} for an HTTP carrier, else {@code smpp}: the channel named in the events. */
    String channelOf(String carrier) {
        return config.httpCarriers().containsKey(carrier) && !config.carriers().containsKey(carrier) ? Channels.HTTP
                : Channels.CHANNEL;
    }
}
