package io.trunkline.billing.repository;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.billing.RatePlan;
import io.trunkline.billing.rating.Tariff;

/**
 * Rate plans (Panache) and their rates (plain JDBC in the caller's transaction: a 100,000-row card is written with
 * multi-row INSERTs, 500 rows a statement).
 */
@ApplicationScoped
public class RatePlanRepository implements PanacheRepositoryBase<RatePlan, String> {
    private static final int BATCH = 500;
    private static final String COLUMNS = "(plan_id, prefix, service, effective_from, effective_to, destination, currency, "
            + "price, connect_fee, initial_block, increment_s, minimum_charge, rounding)";

    private final DataSource dataSource;

    public RatePlanRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<RatePlan> all() {
        return listAll(Sort.ascending("id"));
    }

    /** Deletes every rate of the plan (replace import). */
    public void deleteRates(String planId) {
        getEntityManager().createNativeQuery("DELETE FROM rate WHERE plan_id = ?1").setParameter(1, planId)
                .executeUpdate();
    }

    /** Inserts rates; with {@code upsert} an existing (prefix, service, start) is overwritten. */
    public void insertRates(String planId, List<Tariff> rates, boolean upsert) {
        getEntityManager().flush();
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < rates.size(); from += BATCH) {
                List<Tariff> chunk = rates.subList(from, Math.min(rates.size(), from + BATCH));
                StringBuilder sql = new StringBuilder("INSERT INTO rate ").append(COLUMNS).append(" VALUES ");
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?,?,?)");
                }
                if (upsert) {
                    sql.append(" ON DUPLICATE KEY UPDATE effective_to = VALUES(effective_to), destination = VALUES(destination), "
                            + "currency = VALUES(currency), price = VALUES(price), connect_fee = VALUES(connect_fee), "
                            + "initial_block = VALUES(initial_block), increment_s = VALUES(increment_s), "
                            + "minimum_charge = VALUES(minimum_charge), rounding = VALUES(rounding)");
                }
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int k = 1;
                    for (Tariff t : chunk) {
                        ps.setString(k++, planId);
                        ps.setString(k++, t.prefix());
                        ps.setString(k++, t.service().code());
                        ps.setLong(k++, t.from().getEpochSecond());
                        if (t.to() == null) {
                            ps.setNull(k++, Types.BIGINT);
                        } else {
                            ps.setLong(k++, t.to().getEpochSecond());
                        }
                        ps.setString(k++, t.destination());
                        ps.setString(k++, t.currency());
                        ps.setBigDecimal(k++, t.price());
                        ps.setBigDecimal(k++, t.connectFee());
                        ps.setInt(k++, t.initialBlock());
                        ps.setInt(k++, t.increment());
                        ps.setBigDecimal(k++, t.minimumCharge());
                        ps.setString(k++, t.rounding().code());
                    }
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the rates of " + planId + ": " + e.getMessage(), e);
        }
    }

    public long countRates(String planId) {
        return ((Number) getEntityManager().createNativeQuery("SELECT COUNT(*) FROM rate WHERE plan_id = ?1")
                .setParameter(1, planId).getSingleResult()).longValue();
    }

    /** Marks a change of rating data: every replica reloads what changed. */
    public void bumpRatingVersion() {
        getEntityManager().createNativeQuery("UPDATE rating_version SET version = version + 1 WHERE id = 1")
                .executeUpdate();
    }

    public void assign(String tenantId, String planId) {
        getEntityManager().createNativeQuery("""
                INSERT INTO tenant_plan (tenant_id, plan_id, assigned_at) VALUES (?1, ?2, CURRENT_TIMESTAMP(3))
                ON DUPLICATE KEY UPDATE plan_id = VALUES(plan_id), assigned_at = VALUES(assigned_at)""")
                .setParameter(1, tenantId).setParameter(2, planId).executeUpdate();
    }

    public int unassign(String tenantId) {
        return getEntityManager().createNativeQuery("DELETE FROM tenant_plan WHERE tenant_id = ?1")
                .setParameter(1, tenantId).executeUpdate();
    }

    public void putFx(String from, String to, BigDecimal rate) {
        getEntityManager().createNativeQuery("""
                INSERT INTO fx_rate (currency_from, currency_to, rate, updated_at) VALUES (?1, ?2, ?3, CURRENT_TIMESTAMP(3))
                ON DUPLICATE KEY UPDATE rate = VALUES(rate), updated_at = VALUES(updated_at)""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, rate).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> fxRates() {
        return getEntityManager().createNativeQuery(
                "SELECT currency_from, currency_to, rate FROM fx_rate ORDER BY currency_from, currency_to").getResultList();
    }
}
