package io.trunkline.billing.service;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.billing.Account;
import io.trunkline.billing.BalanceAlert;
import io.trunkline.billing.CdrStatus;
import io.trunkline.billing.LedgerEntry;
import io.trunkline.billing.EntryType;
import io.trunkline.billing.Money;
import io.trunkline.billing.RatedCdr;
import io.trunkline.billing.config.BillingConfig;
import io.trunkline.billing.rating.Tariff;
import io.trunkline.billing.repository.BalanceAlertRepository;
import io.trunkline.billing.repository.LedgerRepository;
import io.trunkline.billing.repository.RatedCdrRepository;
import io.trunkline.events.BalanceChanged;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.EventEnvelope;
import io.trunkline.platform.ServiceIdentity;
import io.trunkline.platform.messaging.Inbox;
import io.trunkline.platform.outbox.Outbox;

/**
 * Rates and charges one CDR, exactly once: the {@code ce_id} inbox drops a redelivered event, the {@code cdr_id} key
 * drops the same CDR re-published under a new event, and the charge, the rated CDR, the ledger entry and the
 * {@code BalanceChanged} commit together or not at all. A CDR is never dropped: one for an unknown tenant opens an
 * account, one that cannot be priced is stored {@code unrated}.
 */
@ApplicationScoped
public class CdrBilling {
    private static final Logger LOG = Logger.getLogger(CdrBilling.class);

    public enum Outcome {
        CHARGED, RATED_FREE, NOT_BILLED, UNRATED, DUPLICATE_EVENT, DUPLICATE_CDR
    }

    private final Inbox inbox;
    private final AccountService accounts;
    private final RatedCdrRepository cdrs;
    private final Rater rater;
    private final BillingConfig.NewAccount defaults;
    private final MeterRegistry metrics;
    private final EntityManager em;
    private final LedgerRepository ledger;
    private final BalanceAlertRepository alerts;
    private final Outbox outbox;
    private final String consumer;

    public CdrBilling(Inbox inbox, AccountService accounts, RatedCdrRepository cdrs, Rater rater, BillingConfig config,
            MeterRegistry metrics, EntityManager em, LedgerRepository ledger,
            BalanceAlertRepository alerts, Outbox outbox, ServiceIdentity identity) {
        this.inbox = inbox;
        this.accounts = accounts;
        this.cdrs = cdrs;
        this.rater = rater;
        this.defaults = config.newAccount();
        this.metrics = metrics;
        this.em = em;
        this.ledger = ledger;
        this.alerts = alerts;
        this.outbox = outbox;
        this.consumer = identity.name();
    }

    /** Another transaction marked one of the batch's events first (a concurrent redelivery): retry the batch. */
    public static final class ConcurrentDeliveryException extends RuntimeException {
        public ConcurrentDeliveryException(String message) {
            super(message);
        }
    }

    /**
     * Rates and charges a batch of CDRs in ONE transaction, with the same guarantees as {@link #handle} gives each CDR:
     * <ol>
     * <li>inbox: one {@code SELECT} of the batch's {@code ce_id}s already seen and one multi-row {@code INSERT IGNORE}
     * of the others; if fewer rows went in than expected, a concurrent delivery got there first and the batch fails
     * with {@link ConcurrentDeliveryException}, which the consumer retries;</li>
     * <li>accounts: opened if missing and row-locked by one multi-row {@code INSERT ... ON DUPLICATE KEY UPDATE} in
     * tenant-id order (two batches lock shared tenants in the same order), then read once;</li>
     * <li>{@code cdr_id} duplicates: one {@code SELECT ... WHERE cdr_id IN (...)} after the locks, plus duplicates
     * inside the batch; the primary key stays the backstop;</li>
     * <li>rating in memory; per charged CDR one {@code charge} ledger entry with its own account version and balance
     * after (chained in the batch's order), and the low-balance check at the CDR that crosses the threshold;</li>
     * <li>per tenant ONE atomic {@code UPDATE account SET balance = balance + :sum, version = version + :n} (n = the
     * tenant's charged CDRs in the batch, so every ledger entry keeps a version of its own), all tenants' updates sent
     * as one JDBC batch, and ONE {@code BalanceChanged} per tenant through the outbox;</li>
     * <li>ledger entries, alerts and rated CDRs as JDBC batches (multi-row inserts with
     * {@code rewriteBatchedStatements}).</li>
     * </ol>
     * Returns each event id's outcome.
     */
    @Transactional
    public Map<String, Outcome> handleBatch(List<EventEnvelope<CdrRecorded>> batch) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, EventEnvelope<CdrRecorded>> byEvent = new LinkedHashMap<>();
        for (EventEnvelope<CdrRecorded> env : batch) {
            if (byEvent.putIfAbsent(env.headers().id(), env) != null) {
                outcomes.put(env.headers().id(), Outcome.DUPLICATE_EVENT);
            }
        }
        if (byEvent.isEmpty()) {
            return outcomes;
        }
        // 1. inbox
        Set<String> seen = new HashSet<>(strings(em.createNativeQuery(
                "SELECT event_id FROM processed_event WHERE consumer = ?1 AND event_id IN (?2)")
                .setParameter(1, consumer).setParameter(2, new ArrayList<>(byEvent.keySet())).getResultList()));
        List<EventEnvelope<CdrRecorded>> fresh = new ArrayList<>();
        for (EventEnvelope<CdrRecorded> env : byEvent.values()) {
            if (seen.contains(env.headers().id())) {
                outcomes.put(env.headers().id(), Outcome.DUPLICATE_EVENT);
            } else {
                fresh.add(env);
            }
        }
        if (fresh.isEmpty()) {
            outcomes.values().forEach(this::count);
            return outcomes;
        }
        StringBuilder sql = new StringBuilder("INSERT IGNORE INTO processed_event (consumer, event_id) VALUES ");
        for (int i = 0; i < fresh.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(2 * i + 1).append(", ?").append(2 * i + 2).append(')');
        }
        var mark = em.createNativeQuery(sql.toString());
        int p = 1;
        for (EventEnvelope<CdrRecorded> env : fresh) {
            mark.setParameter(p++, consumer).setParameter(p++, env.headers().id());
        }
        int marked = mark.executeUpdate();
        if (marked != fresh.size()) {
            throw new ConcurrentDeliveryException((fresh.size() - marked) + " event(s) of the batch were marked by a "
                    + "concurrent delivery");
        }

        // 2. accounts: open the missing ones and lock all, in tenant order
        Map<String, List<EventEnvelope<CdrRecorded>>> byTenant = new TreeMap<>();
        for (EventEnvelope<CdrRecorded> env : fresh) {
            byTenant.computeIfAbsent(env.payload().tenantId(), t -> new ArrayList<>()).add(env);
        }
        List<String> tenants = new ArrayList<>(byTenant.keySet());
        Set<String> existed = new HashSet<>(strings(em.createNativeQuery(
                "SELECT tenant_id FROM account WHERE tenant_id IN (?1)").setParameter(1, tenants).getResultList()));
        Instant now = Instant.now();
        BigDecimal creditLimit = Money.amount(defaults.creditLimit());
        boolean blockedIfNew = Account.blocked(defaults.prepaid(), Money.ZERO, creditLimit);
        StringBuilder open = new StringBuilder("INSERT INTO account (tenant_id, currency, balance, credit_limit, prepaid, "
                + "blocked, version, created_at, updated_at) VALUES ");
        for (int i = 0; i < tenants.size(); i++) {
            int b = 6 * i;
            open.append(i == 0 ? "" : ", ").append("(?").append(b + 1).append(", ?").append(b + 2).append(", 0, ?")
                    .append(b + 3).append(", ?").append(b + 4).append(", ?").append(b + 5).append(", 0, ?")
                    .append(b + 6).append(", ?").append(b + 6).append(')');
        }
        open.append(" ON DUPLICATE KEY UPDATE tenant_id = tenant_id");
        var lock = em.createNativeQuery(open.toString());
        p = 1;
        for (String t : tenants) {
            lock.setParameter(p++, t).setParameter(p++, defaults.currency()).setParameter(p++, creditLimit)
                    .setParameter(p++, defaults.prepaid()).setParameter(p++, blockedIfNew).setParameter(p++, now);
        }
        lock.executeUpdate();
        Map<String, Account> locked = new HashMap<>();
        // native: Hibernate translates an HQL query with a list parameter again for each list size
        @SuppressWarnings("unchecked")
        List<Account> accountsOfBatch = em.createNativeQuery("SELECT * FROM account WHERE tenant_id IN (?1)",
                Account.class).setParameter(1, tenants).getResultList();
        for (Account a : accountsOfBatch) {
            // a fresh persistence context: the row as committed before our lock (READ COMMITTED). Read only: every
            // change goes through the atomic UPDATE below
            em.detach(a);
            locked.put(a.tenantId, a);
        }

        // 3. cdr_id already rated (under the locks: exact for the same tenant; the key is the backstop)
        List<String> cdrIds = fresh.stream().map(e -> e.payload().cdrId()).distinct().toList();
        Map<String, String> rated = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT cdr_id, tenant_id FROM rated_cdr WHERE cdr_id IN (?1)")
                .setParameter(1, cdrIds).getResultList()) {
            Object[] cols = (Object[]) row;
            rated.put((String) cols[0], (String) cols[1]);
        }

        // 4. rate in memory, chain each tenant's charges
        List<LedgerEntry> entries = new ArrayList<>();
        List<BalanceAlert> raised = new ArrayList<>();
        List<RatedCdr> rows = new ArrayList<>();
        List<Object[]> deltas = new ArrayList<>();
        List<BalanceChanged> changes = new ArrayList<>();
        for (Map.Entry<String, List<EventEnvelope<CdrRecorded>>> group : byTenant.entrySet()) {
            Account a = locked.get(group.getKey());
            if (a == null) {
                throw new IllegalStateException("account " + group.getKey() + " vanished while locked");
            }
            boolean opened = !existed.contains(a.tenantId) && a.version == 0;
            if (opened) {
                LOG.infof("opened account %s in %s (%s)", a.tenantId, a.currency, a.prepaid ? "prepaid" : "postpaid");
            }
            BigDecimal balance = a.balance;
            long version = a.version;
            BigDecimal sum = Money.ZERO;
            int charged = 0;
            String firstCdr = null;
            String lastCharged = null;
            for (EventEnvelope<CdrRecorded> env : group.getValue()) {
                CdrRecorded cdr = env.payload();
                String prior = rated.get(cdr.cdrId());
                if (prior != null) {
                    if (!prior.equals(cdr.tenantId())) {
                        LOG.warnf("cdr %s arrived for tenant %s but was already rated for tenant %s; ignored",
                                cdr.cdrId(), cdr.tenantId(), prior);
                    } else {
                        LOG.debugf("cdr %s already rated (event %s); ignored", cdr.cdrId(), env.headers().id());
                    }
                    outcomes.put(env.headers().id(), Outcome.DUPLICATE_CDR);
                    continue;
                }
                rated.put(cdr.cdrId(), cdr.tenantId()); // a second copy later in this batch is a duplicate
                firstCdr = firstCdr == null ? cdr.cdrId() : firstCdr;
                Rating rating = rater.rate(cdr, a.currency);
                RatedCdr row = row(env, rating);
                Outcome outcome;
                if (rating.charges()) {
                    BigDecimal delta = rating.amount().negate();
                    BigDecimal before = balance;
                    balance = Money.amount(balance.add(delta));
                    version++;
                    charged++;
                    sum = sum.add(delta);
                    LedgerEntry e = new LedgerEntry();
                    e.id = UUID.randomUUID().toString();
                    e.tenantId = a.tenantId;
                    e.accountVersion = version;
                    e.type = EntryType.CHARGE;
                    e.amount = Money.amount(delta);
                    e.currency = a.currency;
                    e.balanceAfter = balance;
                    e.reference = cdr.cdrId();
                    e.actor = actor(env);
                    e.note = note(cdr, rating);
                    e.createdAt = now;
                    entries.add(e);
                    BigDecimal threshold = a.lowBalanceThreshold;
                    if (threshold != null && before.compareTo(threshold) >= 0 && balance.compareTo(threshold) < 0) {
                        LOG.warnf("tenant %s: balance %s %s fell below its low-balance threshold %s (%s)", a.tenantId,
                                Money.format(balance), a.currency, Money.format(threshold), e.note);
                        BalanceAlert alert = new BalanceAlert();
                        alert.id = UUID.randomUUID().toString();
                        alert.tenantId = a.tenantId;
                        alert.kind = BalanceAlert.LOW_BALANCE;
                        alert.balance = balance;
                        alert.threshold = threshold;
                        alert.currency = a.currency;
                        alert.ledgerEntryId = e.id;
                        alert.createdAt = now;
                        alert.delivery = "pending";
                        raised.add(alert);
                    }
                    row.ledgerEntryId = e.id;
                    lastCharged = cdr.cdrId();
                    outcome = Outcome.CHARGED;
                } else {
                    outcome = switch (rating.status()) {
                        case RATED -> Outcome.RATED_FREE;
                        case NOT_BILLED -> Outcome.NOT_BILLED;
                        case UNRATED -> Outcome.UNRATED;
                    };
                }
                if (rating.status() == CdrStatus.UNRATED) {
                    LOG.warnf("cdr %s of tenant %s stored unrated: %s", cdr.cdrId(), cdr.tenantId(), rating.reason());
                }
                rows.add(row);
                outcomes.put(env.headers().id(), outcome);
            }
            if (charged > 0) {
                boolean blocked = Account.blocked(a.prepaid, balance, a.creditLimit);
                if (blocked && !a.blocked) {
                    LOG.infof("tenant %s is blocked: balance %s + credit %s %s", a.tenantId, Money.format(balance),
                            Money.format(a.creditLimit), a.currency);
                } else if (!blocked && a.blocked) {
                    LOG.infof("tenant %s is no longer blocked", a.tenantId);
                }
                deltas.add(new Object[] { a.tenantId, sum, charged });
                changes.add(new BalanceChanged(a.tenantId, a.currency, balance, a.creditLimit, a.prepaid, blocked,
                        version, charged == 1 ? "cdr " + lastCharged : charged + " cdrs, last " + lastCharged,
                        Instant.now()));
            } else if (opened && firstCdr != null) {
                changes.add(new BalanceChanged(a.tenantId, a.currency, a.balance, a.creditLimit, a.prepaid, a.blocked,
                        a.version, "account opened by cdr " + firstCdr, Instant.now()));
            }
        }

        // 5. one atomic UPDATE per tenant (all sent as one JDBC batch), then the inserts
        if (!deltas.isEmpty()) {
            java.sql.Timestamp at = java.sql.Timestamp.from(now);
            em.unwrap(org.hibernate.Session.class).doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE account"
                        + " SET blocked = (prepaid AND balance + ? + credit_limit <= 0), balance = balance + ?,"
                        + " version = version + ?, updated_at = ? WHERE tenant_id = ?")) {
                    for (Object[] d : deltas) {
                        ps.setBigDecimal(1, (BigDecimal) d[1]);
                        ps.setBigDecimal(2, (BigDecimal) d[1]);
                        ps.setInt(3, (Integer) d[2]);
                        ps.setTimestamp(4, at);
                        ps.setString(5, (String) d[0]);
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] != 1 && counts[i] != Statement.SUCCESS_NO_INFO) {
                            throw new IllegalStateException("account " + deltas.get(i)[0] + " vanished while locked");
                        }
                    }
                }
            });
        }
        ledger.persist(entries);
        alerts.persist(raised);
        cdrs.persist(rows);
        outbox.publishAll(changes);
        cdrs.flush(); // a key violation (a concurrent duplicate) surfaces here, inside the retried call
        outcomes.values().forEach(this::count);
        return outcomes;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(List<?> rows) {
        return (List<String>) rows;
    }

    @Transactional
    public Outcome handle(EventEnvelope<CdrRecorded> env) {
        if (!inbox.firstDelivery(env.headers().id())) {
            return count(Outcome.DUPLICATE_EVENT);
        }
        CdrRecorded cdr = env.payload();
        // the account's row lock serialises this tenant's CDRs from here on, so the duplicate check below is exact
        AccountService.Locked locked = accounts.openAndLock(cdr.tenantId(), defaults.currency());
        if (cdrs.exists(cdr.cdrId())) {
            RatedCdr prior = cdrs.findById(cdr.cdrId());
            if (!prior.tenantId.equals(cdr.tenantId())) {
                LOG.warnf("cdr %s arrived for tenant %s but was already rated for tenant %s; ignored", cdr.cdrId(),
                        cdr.tenantId(), prior.tenantId);
            } else {
                LOG.debugf("cdr %s already rated (event %s); ignored", cdr.cdrId(), env.headers().id());
            }
            return count(Outcome.DUPLICATE_CDR);
        }

        Rating rating = rater.rate(cdr, locked.account().currency);
        RatedCdr row = row(env, rating);
        Outcome outcome;
        if (rating.charges()) {
            AccountService.Movement m = accounts.move(locked.account(), EntryType.CHARGE, rating.amount().negate(),
                    cdr.cdrId(), actor(env), note(cdr, rating), "cdr " + cdr.cdrId());
            row.ledgerEntryId = m.entry().id;
            outcome = Outcome.CHARGED;
        } else {
            if (locked.opened()) {
                accounts.publish(locked.account(), "account opened by cdr " + cdr.cdrId());
            }
            outcome = switch (rating.status()) {
                case RATED -> Outcome.RATED_FREE;
                case NOT_BILLED -> Outcome.NOT_BILLED;
                case UNRATED -> Outcome.UNRATED;
            };
        }
        if (rating.status() == CdrStatus.UNRATED) {
            LOG.warnf("cdr %s of tenant %s stored unrated: %s", cdr.cdrId(), cdr.tenantId(), rating.reason());
        }
        cdrs.persist(row);
        cdrs.flush(); // a key violation (a concurrent duplicate) surfaces here, inside the retried call
        return count(outcome);
    }

    private RatedCdr row(EventEnvelope<CdrRecorded> env, Rating rating) {
        CdrRecorded cdr = env.payload();
        RatedCdr r = new RatedCdr();
        r.cdrId = cdr.cdrId();
        r.tenantId = cdr.tenantId();
        r.eventId = env.headers().id();
        r.service = cdr.service();
        r.subjectId = cdr.subjectId();
        r.source = cdr.source();
        r.destination = cdr.destination();
        r.segments = cdr.segments();
        r.billableSeconds = cdr.billableSeconds();
        r.startedAt = cdr.startedAt();
        r.answeredAt = cdr.answeredAt();
        r.endedAt = cdr.endedAt();
        r.channel = cdr.channel();
        r.carrier = cdr.carrier();
        r.success = cdr.success();
        r.hangupCause = cdr.hangupCause();
        r.status = rating.status();
        r.statusReason = rating.reason();
        r.units = rating.units();
        r.ratePlan = rating.plan();
        r.amount = rating.amount();
        r.currency = rating.currency();
        Tariff sell = rating.sell();
        if (sell != null) {
            r.unitPrice = sell.price();
            r.ratePrefix = sell.prefix();
            r.rateDestination = sell.destination();
            r.rateCurrency = sell.currency();
        }
        if (sell != null && sell.service().isCall() && rating.status() == CdrStatus.RATED) {
            r.billedSeconds = rating.units();
        }
        r.rateAmount = rating.rateAmount();
        r.fxRate = rating.fxRate();
        Rating.Buy buy = rating.buy();
        if (buy != null) {
            r.buyPlan = buy.plan();
            r.buyPrefix = buy.rate() == null ? null : buy.rate().prefix();
            r.buyCurrency = buy.currency();
            r.buyAmount = buy.amount();
            r.buyFxRate = buy.fxRate();
            r.buyCost = buy.cost();
        }
        r.margin = rating.margin();
        r.ratedAt = Instant.now();
        return r;
    }

    private static String actor(EventEnvelope<CdrRecorded> env) {
        String source = env.headers().source();
        return source.length() <= 128 ? source : source.substring(0, 128);
    }

    private static String note(CdrRecorded cdr, Rating rating) {
        Tariff t = rating.sell();
        String what = t.service().isCall()
                ? rating.units() + " s billed (" + t.initialBlock() + "/" + t.increment() + ") at "
                        + Money.formatPrice(t.price()) + "/min"
                : rating.units() + " segment(s) x " + Money.formatPrice(t.price());
        String fx = t.currency().equals(rating.currency()) ? ""
                : " (" + Money.format(rating.rateAmount()) + " " + t.currency() + " at fx " + rating.fxRate().toPlainString() + ")";
        return t.service().code() + " " + what + " " + t.currency() + fx + " to " + truncate(cdr.destination(), 48)
                + " [plan " + rating.plan() + " prefix " + t.prefix() + "] via " + cdr.channel();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private Outcome count(Outcome outcome) {
        metrics.counter("trunkline.billing.cdrs", "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
        return outcome;
    }
}
