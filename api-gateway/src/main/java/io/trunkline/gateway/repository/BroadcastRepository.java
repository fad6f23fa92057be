package io.trunkline.gateway.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.gateway.Broadcast;

@ApplicationScoped
public class BroadcastRepository implements PanacheRepositoryBase<Broadcast, String> {

    /** The tenant's broadcast; empty for an unknown id and for another tenant's broadcast alike. */
    public Optional<Broadcast> findForTenant(String tenantId, String id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public Optional<Broadcast> findByIdempotencyKey(String tenantId, String key) {
        return find("tenantId = ?1 and idempotencyKey = ?2", tenantId, key).firstResultOptional();
    }

    /** One page of the tenant's broadcasts, newest first, after the cursor position (null = from the newest). */
    public List<Broadcast> page(String tenantId, Instant beforeCreated, String beforeId, int size) {
        Sort newestFirst = Sort.descending("createdAt", "id");
        if (beforeCreated == null) {
            return find("tenantId = ?1", newestFirst, tenantId).page(0, size).list();
        }
        return find("tenantId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3))", newestFirst, tenantId,
                beforeCreated, beforeId).page(0, size).list();
    }
}
