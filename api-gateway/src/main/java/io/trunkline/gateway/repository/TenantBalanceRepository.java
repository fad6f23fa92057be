package io.trunkline.gateway.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.events.BalanceChanged;
import io.trunkline.gateway.TenantBalance;
import io.trunkline.gateway.UtcMillis;

@ApplicationScoped
public class TenantBalanceRepository implements PanacheRepositoryBase<TenantBalance, String> {

    /**
     * Stores {@code b} as the tenant's state unless a state of the same or a newer version is stored already. Native,
     * atomic statements (a conditional UPDATE, or an INSERT IGNORE for the first state; the UPDATE again if another
     * consumer inserted meanwhile) so that neither concurrent consumers nor late records can replace a newer state.
     * Returns whether it was stored.
     */
    public boolean storeIfNewer(BalanceChanged b, String cause, Instant now) {
        if (updateIfNewer(b, cause, now)) {
            return true;
        }
        int inserted = getEntityManager().createNativeQuery("INSERT IGNORE INTO tenant_balance (tenant_id, currency, "
                + "balance, credit_limit, prepaid, blocked, version, cause, changed_at, received_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                .setParameter(1, b.tenantId())
                .setParameter(2, b.currency())
                .setParameter(3, b.balance())
                .setParameter(4, b.creditLimit())
                .setParameter(5, b.prepaid())
                .setParameter(6, b.blocked())
                .setParameter(7, b.version())
                .setParameter(8, cause)
                .setParameter(9, UtcMillis.format(b.changedAt()))
                .setParameter(10, UtcMillis.format(now))
                .executeUpdate();
        return inserted == 1 || updateIfNewer(b, cause, now);
    }

    private boolean updateIfNewer(BalanceChanged b, String cause, Instant now) {
        return getEntityManager().createNativeQuery("UPDATE tenant_balance SET currency = ?1, balance = ?2, "
                + "credit_limit = ?3, prepaid = ?4, blocked = ?5, version = ?6, cause = ?7, changed_at = ?8, "
                + "received_at = ?9 WHERE tenant_id = ?10 AND version < ?6")
                .setParameter(1, b.currency())
                .setParameter(2, b.balance())
                .setParameter(3, b.creditLimit())
                .setParameter(4, b.prepaid())
                .setParameter(5, b.blocked())
                .setParameter(6, b.version())
                .setParameter(7, cause)
                .setParameter(8, UtcMillis.format(b.changedAt()))
                .setParameter(9, UtcMillis.format(now))
                .setParameter(10, b.tenantId())
                .executeUpdate() == 1;
    }
}
