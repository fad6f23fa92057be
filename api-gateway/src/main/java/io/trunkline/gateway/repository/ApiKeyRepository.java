package io.trunkline.gateway.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.gateway.ApiKey;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, String> {

    public Optional<ApiKey> findByHash(String keyHash) {
        return find("keyHash", keyHash).firstResultOptional();
    }

    public List<ApiKey> listForTenant(String tenantId) {
        return list("tenantId", Sort.by("createdAt").and("id"), tenantId);
    }

    public Optional<ApiKey> findForTenant(String tenantId, String keyId) {
        return find("id = ?1 and tenantId = ?2", keyId, tenantId).firstResultOptional();
    }

    /**
     * Records a use of the key unless one was recorded after {@code staleBefore}: a single conditional UPDATE, so
     * concurrent requests with the same key write at most once per interval and never move the time backwards.
     */
    public int touch(String keyId, Instant now, Instant staleBefore) {
        return update("lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?3)", now, keyId,
                staleBefore);
    }
}
