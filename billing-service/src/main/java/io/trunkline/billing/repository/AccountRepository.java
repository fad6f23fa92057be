package io.trunkline.billing.repository;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.billing.Account;

/**
 * Accounts. Every change is one atomic SQL statement on the row (never read, compute, write back), so any number of
 * consumers and API calls can change a balance at once without losing an update. Native SQL: Hibernate's MySQL dialect
 * writes lock clauses MariaDB refuses, and bulk HQL would bypass nothing we need.
 */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, String> {

    /**
     * Opens the account if it does not exist, and in any case holds its row lock (exclusive) until the transaction
     * ends. {@code ON DUPLICATE KEY UPDATE} takes the exclusive lock directly; {@code INSERT IGNORE} would take a
     * shared one and deadlock two transactions that both go on to update the row.
     */
    public void openAndLock(String tenantId, String currency, boolean prepaid, BigDecimal creditLimit, boolean blocked,
            Instant now) {
        em().createNativeQuery("""
                INSERT INTO account (tenant_id, currency, balance, credit_limit, prepaid, blocked, version, created_at, updated_at)
                VALUES (?1, ?2, 0, ?3, ?4, ?5, 0, ?6, ?6)
                ON DUPLICATE KEY UPDATE tenant_id = tenant_id""")
                .setParameter(1, tenantId)
                .setParameter(2, currency)
                .setParameter(3, creditLimit)
                .setParameter(4, prepaid)
                .setParameter(5, blocked)
                .setParameter(6, now)
                .executeUpdate();
    }

    /**
     * Adds {@code delta} (negative for a debit) to the balance, recomputes {@code blocked} and bumps the version, in
     * one statement. {@code blocked} is assigned first and from the old balance plus delta, so the result is the same
     * whether the server applies SET clauses left to right (MySQL, MariaDB) or simultaneously (SQL standard).
     */
    public int applyDelta(String tenantId, BigDecimal delta, Instant now) {
        return em().createNativeQuery("""
                UPDATE account
                   SET blocked = (prepaid AND balance + ?1 + credit_limit <= 0),
                       balance = balance + ?1,
                       version = version + 1,
                       updated_at = ?2
                 WHERE tenant_id = ?3""")
                .setParameter(1, delta)
                .setParameter(2, now)
                .setParameter(3, tenantId)
                .executeUpdate();
    }

    /** Replaces the settings, recomputes {@code blocked} and bumps the version, in one statement. */
    public int updateSettings(String tenantId, String currency, BigDecimal creditLimit, boolean prepaid,
            BigDecimal lowBalanceThreshold, Instant now) {
        return em().createNativeQuery("""
                UPDATE account
                   SET blocked = (?3 AND balance + ?2 <= 0),
                       currency = ?1,
                       credit_limit = ?2,
                       prepaid = ?3,
                       low_balance_threshold = ?4,
                       version = version + 1,
                       updated_at = ?5
                 WHERE tenant_id = ?6""")
                .setParameter(1, currency)
                .setParameter(2, creditLimit)
                .setParameter(3, prepaid)
                .setParameter(4, new TypedParameterValue<>(StandardBasicTypes.BIG_DECIMAL, lowBalanceThreshold))
                .setParameter(5, now)
                .setParameter(6, tenantId)
                .executeUpdate();
    }

    /**
     * Locks an existing account's row until the transaction ends; false if there is none. Under READ COMMITTED (see
     * application.properties) a locking read of a missing key takes no gap lock.
     */
    public boolean lockExisting(String tenantId) {
        return !em().createNativeQuery("SELECT tenant_id FROM account WHERE tenant_id = ?1 FOR UPDATE")
                .setParameter(1, tenantId)
                .getResultList()
                .isEmpty();
    }

    /** The row as it is now in the database (after this transaction's own statements), or null. */
    public Account current(String tenantId) {
        Account account = findById(tenantId);
        if (account != null) {
            em().refresh(account);
        }
        return account;
    }

    public boolean exists(String tenantId) {
        return count("tenantId", tenantId) > 0;
    }

    private EntityManager em() {
        return getEntityManager();
    }
}
