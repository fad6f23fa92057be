package io.trunkline.gateway.repository;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gateway.IdempotencyRecord;
import io.trunkline.gateway.UtcMillis;

@ApplicationScoped
public class IdempotencyRepository implements PanacheRepositoryBase<IdempotencyRecord, String> {

    public Optional<IdempotencyRecord> findKey(String tenantId, String key) {
        return find("tenantId = ?1 and key = ?2", tenantId, key).firstResultOptional();
    }

    /** Deletes the keys created before {@code cutoff}; returns how many. */
    public int deleteOlderThan(Instant cutoff) {
        return getEntityManager().createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?1")
                .setParameter(1, UtcMillis.format(cutoff))
                .executeUpdate();
    }
}
