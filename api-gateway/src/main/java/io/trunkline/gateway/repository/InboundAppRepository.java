package io.trunkline.gateway.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.gateway.InboundApp;

@ApplicationScoped
public class InboundAppRepository implements PanacheRepositoryBase<InboundApp, String> {

    /** The tenant's app; empty for an unknown id and another tenant's app alike. */
    public Optional<InboundApp> findForTenant(String tenantId, String id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public List<InboundApp> forTenant(String tenantId) {
        return list("tenantId", Sort.ascending("createdAt", "id"), tenantId);
    }

    public List<InboundApp> forTenantOfType(String tenantId, InboundApp.Type type) {
        return list("tenantId = ?1 and type = ?2", Sort.ascending("createdAt", "id"), tenantId, type);
    }

    public Optional<InboundApp> onKeyword(String keywordId) {
        return find("keywordId", keywordId).firstResultOptional();
    }

    /** The tenant's keyword-less app on the number (its default app there). */
    public Optional<InboundApp> defaultOn(String tenantId, String numberId) {
        return find("tenantId = ?1 and numberId = ?2 and keywordId is null", tenantId, numberId).firstResultOptional();
    }

    public long countOnNumber(String numberId) {
        return count("numberId", numberId);
    }
}
