package io.trunkline.billing.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.trunkline.billing.Account;
import io.trunkline.billing.Invoice;
import io.trunkline.billing.InvoiceStatus;
import io.trunkline.billing.Money;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * Invoices per tenant per month. {@link #generate} (re)builds the draft from the rated CDRs that started in the month
 * (one line per service and destination prefix) and the charges applied for it; {@link #finalise} rebuilds it one
 * last time and gives it the next number from {@code invoice_counter}, under that row's lock in the same
 * transaction, so numbers have no gaps. A final invoice is never changed again.
 */
@ApplicationScoped
public class InvoiceService {
    private final EntityManager em;
    private final AccountService accounts;

    public InvoiceService(EntityManager em, AccountService accounts) {
        this.em = em;
        this.accounts = accounts;
    }

    public record Line(int lineNo, String kind, String service, String destination, String description, long quantity,
            long units, BigDecimal amount) {
    }

    public record Full(Invoice invoice, List<Line> lines) {
    }

    @Transactional
    public Full generate(String tenantId, YearMonth period) {
        Invoice inv = lockOrCreate(tenantId, period);
        if (InvoiceStatus.FINAL.code().equals(inv.status)) {
            throw conflict("invoice " + inv.number + " for " + tenantId + " " + period + " is final");
        }
        return new Full(inv, rebuild(inv));
    }

    @Transactional
    public Full finalise(String invoiceId) {
        Invoice inv = lock(invoiceId);
        if (InvoiceStatus.FINAL.code().equals(inv.status)) {
            return new Full(inv, lines(invoiceId));
        }
        YearMonth period = YearMonth.parse(inv.period);
        if (period.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(Instant.now())) {
            throw conflict("the period " + inv.period + " has not ended yet");
        }
        List<Line> lines = rebuild(inv);
        em.createNativeQuery("UPDATE invoice_counter SET last_number = last_number + 1 WHERE id = 1").executeUpdate();
        long n = ((Number) em.createNativeQuery("SELECT last_number FROM invoice_counter WHERE id = 1")
                .getSingleResult()).longValue();
        inv.number = String.format("INV-%06d", n);
        inv.status = InvoiceStatus.FINAL.code();
        inv.finalizedAt = Instant.now();
        em.flush();
        return new Full(inv, lines);
    }

    public Full get(String invoiceId) {
        Invoice inv = em.find(Invoice.class, invoiceId);
        if (inv == null) {
            throw ProblemException.notFound("invoice " + invoiceId);
        }
        return new Full(inv, lines(invoiceId));
    }

    public List<Invoice> list(String tenantId) {
        return em.createQuery("from Invoice where tenantId = :t order by period desc", Invoice.class)
                .setParameter("t", tenantId).getResultList();
    }

    private Invoice lockOrCreate(String tenantId, YearMonth period) {
        Account account = accounts.get(tenantId);
        em.createNativeQuery("""
                INSERT INTO invoice (id, tenant_id, period, status, currency, usage_total, charges_total, total, generated_at)
                VALUES (?1, ?2, ?3, 'draft', ?4, 0, 0, 0, ?5) ON DUPLICATE KEY UPDATE id = id""")
                .setParameter(1, UUID.randomUUID().toString()).setParameter(2, tenantId)
                .setParameter(3, period.toString()).setParameter(4, account.currency).setParameter(5, Instant.now())
                .executeUpdate();
        String id = (String) em.createNativeQuery("SELECT id FROM invoice WHERE tenant_id = ?1 AND period = ?2 FOR UPDATE")
                .setParameter(1, tenantId).setParameter(2, period.toString()).getSingleResult();
        Invoice inv = em.find(Invoice.class, id);
        em.refresh(inv);
        return inv;
    }

    private Invoice lock(String id) {
        List<?> rows = em.createNativeQuery("SELECT id FROM invoice WHERE id = ?1 FOR UPDATE").setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("invoice " + id);
        }
        Invoice inv = em.find(Invoice.class, id);
        em.refresh(inv);
        return inv;
    }

    @SuppressWarnings("unchecked")
    private List<Line> rebuild(Invoice inv) {
        YearMonth period = YearMonth.parse(inv.period);
        Instant from = period.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = period.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Line> lines = new ArrayList<>();
        BigDecimal usage = Money.ZERO;
        BigDecimal charges = Money.ZERO;
        List<Object[]> rows = em.createNativeQuery("""
                SELECT service, COALESCE(rate_prefix, ''), MAX(rate_destination), COUNT(*), SUM(units), SUM(amount)
                  FROM rated_cdr
                 WHERE tenant_id = ?1 AND status = 'rated' AND started_at >= ?2 AND started_at < ?3
                 GROUP BY service, COALESCE(rate_prefix, '')
                 ORDER BY service, COALESCE(rate_prefix, '')""")
                .setParameter(1, inv.tenantId).setParameter(2, from).setParameter(3, to).getResultList();
        for (Object[] r : rows) {
            String service = io.trunkline.billing.ServiceCode.of(io.trunkline.events.CdrService.valueOf((String) r[0])).code();
            String prefix = (String) r[1];
            String name = (String) r[2];
            BigDecimal amount = Money.amount((BigDecimal) r[5]);
            String desc = service + " to " + (prefix.isEmpty() ? "all destinations" : "+" + prefix)
                    + (name == null ? "" : " " + name);
            lines.add(new Line(lines.size() + 1, "usage", service, prefix, desc, ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue(), amount));
            usage = usage.add(amount);
        }
        List<Object[]> runs = em.createNativeQuery("""
                SELECT c.description, r.period, r.amount
                  FROM charge_run r JOIN charge c ON c.id = r.charge_id
                 WHERE r.tenant_id = ?1 AND (r.period = ?2 OR (r.period = 'once' AND r.applied_at >= ?3 AND r.applied_at < ?4))
                 ORDER BY r.applied_at, c.id""")
                .setParameter(1, inv.tenantId).setParameter(2, inv.period).setParameter(3, from).setParameter(4, to)
                .getResultList();
        for (Object[] r : runs) {
            BigDecimal amount = Money.amount((BigDecimal) r[2]);
            lines.add(new Line(lines.size() + 1, "charge", null, null,
                    r[0] + ("once".equals(r[1]) ? "" : " (" + r[1] + ")"), 1, 1, amount));
            charges = charges.add(amount);
        }
        em.createNativeQuery("DELETE FROM invoice_line WHERE invoice_id = ?1").setParameter(1, inv.id).executeUpdate();
        for (Line l : lines) {
            em.createNativeQuery("""
                    INSERT INTO invoice_line (invoice_id, line_no, kind, service, destination, description, quantity, units, amount)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                    .setParameter(1, inv.id).setParameter(2, l.lineNo()).setParameter(3, l.kind())
                    .setParameter(4, text(l.service())).setParameter(5, text(l.destination())).setParameter(6, l.description())
                    .setParameter(7, l.quantity()).setParameter(8, l.units()).setParameter(9, l.amount())
                    .executeUpdate();
        }
        inv.usageTotal = usage;
        inv.chargesTotal = charges;
        inv.total = usage.add(charges);
        inv.generatedAt = Instant.now();
        return lines;
    }

    @SuppressWarnings("unchecked")
    private List<Line> lines(String invoiceId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT line_no, kind, service, destination, description, quantity, units, amount
                  FROM invoice_line WHERE invoice_id = ?1 ORDER BY line_no""").setParameter(1, invoiceId).getResultList();
        return rows.stream().map(r -> new Line(((Number) r[0]).intValue(), (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], ((Number) r[5]).longValue(), ((Number) r[6]).longValue(), Money.amount((BigDecimal) r[7])))
                .toList();
    }

    /** A nullable string parameter of a native query (Hibernate cannot infer the type of a bare null). */
    static org.hibernate.query.TypedParameterValue<String> text(String value) {
        return new org.hibernate.query.TypedParameterValue<>(org.hibernate.type.StandardBasicTypes.STRING, value);
    }

    private static ProblemException conflict(String message) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", message));
    }
}
