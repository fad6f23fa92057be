package io.trunkline.billing.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.trunkline.billing.FailedPolicy;
import io.trunkline.billing.PlanKind;
import io.trunkline.billing.RoundingRule;
import io.trunkline.billing.ServiceCode;
import io.trunkline.billing.config.BillingConfig;
import io.trunkline.billing.rating.PrefixIndex;
import io.trunkline.billing.rating.Tariff;

/**
 * Every rate plan in memory, as one {@link PrefixIndex} per plan, plus tenants' plans and the FX table: an immutable
 * {@link Snapshot} swapped atomically. Every change to plans, rates, tenants' plans or FX bumps {@code rating_version}
 * in its transaction; each replica polls that version ({@code trunkline.billing.rating.refresh-interval}) and
 * rebuilds only the plans whose own version moved. The replica that made a change refreshes right after its commit.
 */
@ApplicationScoped
public class RateBook {
    private static final Logger LOG = Logger.getLogger(RateBook.class);
    public static final String DEFAULT_PLAN = "default";

    private final DataSource dataSource;
    private final Plan defaultPlan;
    private volatile Snapshot snapshot;

    public RateBook(DataSource dataSource, BillingConfig config) {
        this.dataSource = dataSource;
        this.defaultPlan = defaultPlan(config.defaultRates());
    }

    /** A plan as rating sees it. */
    public record Plan(String id, PlanKind kind, String carrier, String currency, FailedPolicy failed, long version,
            PrefixIndex index) {
    }

    /** One consistent view of plans, tenants' plans and FX. */
    public record Snapshot(long version, Map<String, Plan> plans, Map<String, String> tenantPlans,
            Map<String, BigDecimal> fx, Plan defaultPlan, Map<String, Plan> buyByCarrier) {

        /** The tenant's sell plan, or the flat default plan. */
        public Plan planFor(String tenantId) {
            String id = tenantPlans.get(tenantId);
            Plan p = id == null ? null : plans.get(id);
            return p != null ? p : defaultPlan;
        }

        /** Units of {@code to} per unit of {@code from}: 1 for the same currency, the table's rate, its inverse, or null. */
        public BigDecimal fx(String from, String to) {
            if (from.equals(to)) {
                return BigDecimal.ONE;
            }
            BigDecimal direct = fx.get(from + to);
            if (direct != null) {
                return direct;
            }
            BigDecimal inverse = fx.get(to + from);
            return inverse == null ? null : BigDecimal.ONE.divide(inverse, 10, RoundingMode.HALF_UP);
        }

        public Collection<Plan> buyCards() {
            return buyByCarrier.values();
        }
    }

    /** The current snapshot (loaded on first use). */
    public Snapshot snapshot() {
        Snapshot s = snapshot;
        return s != null ? s : refresh();
    }

    @Scheduled(every = "${trunkline.billing.rating.refresh-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("cannot refresh the rate plans: %s", e.getMessage());
        }
    }

    /** Reloads what changed since the last load, if {@code rating_version} moved. */
    public synchronized Snapshot refresh() {
        try (Connection c = dataSource.getConnection()) {
            long version = scalar(c, "SELECT version FROM rating_version WHERE id = 1");
            Snapshot old = snapshot;
            if (old != null && old.version() == version) {
                return old;
            }
            Map<String, Plan> plans = new HashMap<>();
            Map<String, Plan> buy = new HashMap<>();
            int rebuilt = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, kind, carrier, currency, failed_policy, version FROM rate_plan");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    long v = rs.getLong(6);
                    Plan prior = old == null ? null : old.plans().get(id);
                    PrefixIndex index = prior != null && prior.version() == v ? prior.index() : null;
                    Plan p = new Plan(id, PlanKind.ofCode(rs.getString(2)), rs.getString(3), rs.getString(4),
                            FailedPolicy.ofCode(rs.getString(5)), v, index);
                    plans.put(id, p);
                }
            }
            for (Map.Entry<String, Plan> e : plans.entrySet()) {
                Plan p = e.getValue();
                if (p.index() == null) {
                    p = new Plan(p.id(), p.kind(), p.carrier(), p.currency(), p.failed(), p.version(),
                            PrefixIndex.of(loadRates(c, p.id())));
                    e.setValue(p);
                    rebuilt++;
                }
                if (p.kind() == PlanKind.BUY && p.carrier() != null) {
                    buy.put(p.carrier(), p);
                }
            }
            Map<String, String> tenants = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id, plan_id FROM tenant_plan");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tenants.put(rs.getString(1), rs.getString(2));
                }
            }
            Map<String, BigDecimal> fx = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT currency_from, currency_to, rate FROM fx_rate");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fx.put(rs.getString(1) + rs.getString(2), rs.getBigDecimal(3));
                }
            }
            Snapshot s = new Snapshot(version, Map.copyOf(plans), Map.copyOf(tenants), Map.copyOf(fx), defaultPlan,
                    Map.copyOf(buy));
            snapshot = s;
            if (rebuilt > 0) {
                LOG.infof("rating version %d: rebuilt %d of %d plan(s)", version, rebuilt, plans.size());
            }
            return s;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the rate plans", e);
        }
    }

    /** Every rate of a plan, as stored. */
    public List<Tariff> rates(String planId) {
        try (Connection c = dataSource.getConnection()) {
            return loadRates(c, planId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the rates of " + planId, e);
        }
    }

    static List<Tariff> loadRates(Connection c, String planId) throws SQLException {
        List<Tariff> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT prefix, destination, service, currency, price, connect_fee, initial_block, increment_s,
                       minimum_charge, rounding, effective_from, effective_to
                  FROM rate WHERE plan_id = ?""")) {
            ps.setString(1, planId);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long to = rs.getLong(12);
                    boolean open = rs.wasNull();
                    out.add(new Tariff(planId, rs.getString(1), rs.getString(2), ServiceCode.ofCode(rs.getString(3)),
                            rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getInt(7), rs.getInt(8),
                            rs.getBigDecimal(9), RoundingRule.ofCode(rs.getString(10)),
                            Instant.ofEpochSecond(rs.getLong(11)), open ? null : Instant.ofEpochSecond(to)));
                }
            }
        }
        return out;
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Plan defaultPlan(BillingConfig.DefaultRates r) {
        List<Tariff> t = List.of(
                Tariff.flat(DEFAULT_PLAN, "", ServiceCode.SMS_OUT, r.currency(), r.smsOut()),
                Tariff.flat(DEFAULT_PLAN, "", ServiceCode.SMS_IN, r.currency(), r.smsIn()),
                Tariff.flat(DEFAULT_PLAN, "", ServiceCode.CALL_OUT, r.currency(), r.callOut()),
                Tariff.flat(DEFAULT_PLAN, "", ServiceCode.CALL_IN, r.currency(), r.callIn()));
        return new Plan(DEFAULT_PLAN, PlanKind.SELL, null, r.currency(), FailedPolicy.NOT_BILLED, 0, PrefixIndex.of(t));
    }
}
