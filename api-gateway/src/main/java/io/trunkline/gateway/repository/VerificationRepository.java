package io.trunkline.gateway.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gateway.UtcMillis;
import io.trunkline.gateway.Verification;
import io.trunkline.gateway.VerificationStatus;

@ApplicationScoped
public class VerificationRepository implements PanacheRepositoryBase<Verification, String> {

    /** How many verifications in a rate window, and when the oldest of them was created (null when none). */
    public record Window(long count, Instant oldest) {
    }

    /** The tenant's verification; empty for an unknown id and for another tenant's alike. */
    public Optional<Verification> findForTenant(String tenantId, String id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResultOptional();
    }

    /**
     * The tenant's verification, its row locked until the transaction ends (native: MariaDB refuses Hibernate's
     * {@code FOR UPDATE OF alias}). A locking read sees the latest committed row, so two concurrent checks see each
     * other's attempts. Call first in a fresh transaction, before the entity is loaded otherwise.
     */
    public Optional<Verification> lockForTenant(String tenantId, String id) {
        @SuppressWarnings("unchecked")
        List<Verification> found = getEntityManager()
                .createNativeQuery("SELECT * FROM verification WHERE id = ?1 AND tenant_id = ?2 FOR UPDATE",
                        Verification.class)
                .setParameter(1, id).setParameter(2, tenantId).getResultList();
        return found.stream().findFirst();
    }

    /**
     * Serialises the tenant's verification starts (all instances share the row lock), so that counting the rate
     * windows and cancelling the previous pending verification cannot race. Call first in the transaction.
     */
    public void lockTenant(String tenantId) {
        getEntityManager().createNativeQuery("SELECT tenant_id FROM verification_tenant_lock WHERE tenant_id = ?1 "
                + "FOR UPDATE").setParameter(1, tenantId).getResultList();
    }

    /** Creates the tenant's lock row if it is missing; in a transaction of its own, before {@link #lockTenant}. */
    public void ensureTenantLock(String tenantId) {
        getEntityManager().createNativeQuery("INSERT IGNORE INTO verification_tenant_lock (tenant_id) VALUES (?1)")
                .setParameter(1, tenantId).executeUpdate();
    }

    /** The tenant's pending verifications to the number (at most one, by the unique key). */
    public List<Verification> pendingTo(String tenantId, String toNumber) {
        return list("tenantId = ?1 and toNumber = ?2 and status = ?3", tenantId, toNumber, VerificationStatus.PENDING);
    }

    /** The tenant's verifications created after {@code since}. */
    public Window tenantWindow(String tenantId, Instant since) {
        return window("tenant_id = ?1 AND created_at > ?2", tenantId, null, since);
    }

    /** The tenant's verifications to the number created after {@code since}. */
    public Window numberWindow(String tenantId, String toNumber, Instant since) {
        return window("tenant_id = ?1 AND created_at > ?2 AND to_number = ?3", tenantId, toNumber, since);
    }

    /** The tenant's verifications to numbers starting with the prefix, created after {@code since}. */
    public Window prefixWindow(String tenantId, String prefix, Instant since) {
        return window("tenant_id = ?1 AND created_at > ?2 AND to_prefix = ?3", tenantId, prefix, since);
    }

    private Window window(String where, String tenantId, String value, Instant since) {
        var q = getEntityManager().createNativeQuery("SELECT COUNT(*), CAST(MIN(created_at) AS CHAR) FROM "
                + "verification WHERE " + where)
                .setParameter(1, tenantId).setParameter(2, UtcMillis.format(since));
        if (value != null) {
            q.setParameter(3, value);
        }
        Object[] row = (Object[]) q.getSingleResult();
        Object oldest = row[1];
        return new Window(((Number) row[0]).longValue(),
                oldest == null ? null : new UtcMillis().convertToEntityAttribute(oldest.toString()));
    }

    /**
     * Pending verifications past their expiry, locked; rows another transaction holds (a check in progress) are
     * skipped and taken by a later sweep.
     */
    @SuppressWarnings("unchecked")
    public List<Verification> lockExpiredPending(Instant now, int limit) {
        return getEntityManager()
                .createNativeQuery("SELECT * FROM verification WHERE status = 'PENDING' AND expires_at <= ?1 "
                        + "ORDER BY expires_at LIMIT " + limit + " FOR UPDATE SKIP LOCKED", Verification.class)
                .setParameter(1, UtcMillis.format(now)).getResultList();
    }
}
