package io.trunkline.billing.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.billing.Account;
import io.trunkline.billing.Charge;
import io.trunkline.billing.ChargeKind;
import io.trunkline.billing.EntryType;
import io.trunkline.billing.Money;
import io.trunkline.platform.rest.ProblemException;

/**
 * Once-off and monthly charges. The scheduler ({@code trunkline.billing.charges.every}) applies every due (charge,
 * period) in its own transaction: account row lock, a check of {@code charge_run}, the debit with its ledger entry
 * and {@code BalanceChanged} in the outbox, and the {@code charge_run} row whose primary key (charge, period) is the
 * backstop. Nothing is kept in memory between runs, so a restart (or a second replica) finds the periods already
 * applied and does nothing twice.
 */
@ApplicationScoped
public class ChargeService {
    private static final Logger LOG = Logger.getLogger(ChargeService.class);
    public static final String ONCE = "once";

    private final EntityManager em;
    private final AccountService accounts;

    public ChargeService(EntityManager em, AccountService accounts) {
        this.em = em;
        this.accounts = accounts;
    }

    @Transactional
    public Charge create(String tenantId, ChargeKind kind, String description, BigDecimal amount, LocalDate start,
            LocalDate end) {
        accounts.get(tenantId);
        if (end != null && end.isBefore(start)) {
            throw ProblemException.invalid("endDate", "must not be before startDate");
        }
        Charge c = new Charge();
        c.id = UUID.randomUUID().toString();
        c.tenantId = tenantId;
        c.kind = kind.code();
        c.description = description;
        c.amount = Money.amount(amount);
        c.startDate = start.toString();
        c.endDate = end == null ? null : end.toString();
        c.active = true;
        c.createdAt = Instant.now();
        em.persist(c);
        return c;
    }

    public List<Charge> list(String tenantId) {
        return em.createQuery("from Charge where tenantId = :t order by createdAt", Charge.class)
                .setParameter("t", tenantId).getResultList();
    }

    @Transactional
    public Charge deactivate(String tenantId, String chargeId) {
        Charge c = em.find(Charge.class, chargeId);
        if (c == null || !c.tenantId.equals(tenantId)) {
            throw ProblemException.notFound("charge " + chargeId);
        }
        c.active = false;
        return c;
    }

    /** The periods of a charge due on {@code today}: {@code once}, or each month from its start to today (and end). */
    public static List<String> duePeriods(ChargeKind kind, LocalDate start, LocalDate end, LocalDate today) {
        List<String> out = new ArrayList<>();
        if (start.isAfter(today)) {
            return out;
        }
        if (kind == ChargeKind.ONCE) {
            out.add(ONCE);
            return out;
        }
        YearMonth last = YearMonth.from(end == null || end.isAfter(today) ? today : end);
        for (YearMonth m = YearMonth.from(start); !m.isAfter(last); m = m.plusMonths(1)) {
            out.add(m.toString());
        }
        return out;
    }

    @Scheduled(every = "${trunkline.billing.charges.every:1h}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int n = runDue(LocalDate.now(ZoneOffset.UTC));
            if (n > 0) {
                LOG.infof("applied %d charge period(s)", n);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "the charge run failed; it is retried on the next run");
        }
    }

    /** Applies every due (charge, period) not applied yet; each in its own transaction. Returns how many it applied. */
    public int runDue(LocalDate today) {
        List<Charge> active = QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("from Charge where active = true order by createdAt", Charge.class).getResultList());
        int applied = 0;
        for (Charge c : active) {
            Set<String> done = QuarkusTransaction.requiringNew().call(() -> new HashSet<>(em
                    .createNativeQuery("SELECT period FROM charge_run WHERE charge_id = ?1", String.class)
                    .setParameter(1, c.id).getResultList()));
            for (String period : duePeriods(ChargeKind.ofCode(c.kind), LocalDate.parse(c.startDate),
                    c.endDate == null ? null : LocalDate.parse(c.endDate), today)) {
                if (done.contains(period)) {
                    continue;
                }
                try {
                    if (QuarkusTransaction.requiringNew().call(() -> apply(c.id, period))) {
                        applied++;
                    }
                } catch (RuntimeException e) {
                    if (isDuplicate(e)) {
                        LOG.debugf("charge %s %s applied concurrently elsewhere", c.id, period);
                    } else {
                        LOG.errorf(e, "charge %s period %s failed; retried on the next run", c.id, period);
                    }
                }
            }
        }
        return applied;
    }

    /** Applies one period of a charge unless it already was; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(String chargeId, String period) {
        Charge c = em.find(Charge.class, chargeId);
        Account account = accounts.lockExisting(c.tenantId);
        // under the account's row lock, this tenant's charge runs are serialised: the check is exact
        boolean already = !em.createNativeQuery("SELECT 1 FROM charge_run WHERE charge_id = ?1 AND period = ?2")
                .setParameter(1, chargeId).setParameter(2, period).getResultList().isEmpty();
        if (already || !c.active) {
            return false;
        }
        String reference = chargeId + ":" + period;
        AccountService.Movement m = accounts.move(account, EntryType.FEE, c.amount.negate(), reference, "scheduler",
                c.description + (ONCE.equals(period) ? "" : " (" + period + ")"), "charge " + reference);
        em.createNativeQuery("""
                INSERT INTO charge_run (charge_id, period, tenant_id, amount, currency, ledger_entry_id, applied_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, chargeId).setParameter(2, period).setParameter(3, c.tenantId)
                .setParameter(4, c.amount).setParameter(5, account.currency).setParameter(6, m.entry().id)
                .setParameter(7, Instant.now()).executeUpdate();
        return true;
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLIntegrityConstraintViolationException
                    || t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
