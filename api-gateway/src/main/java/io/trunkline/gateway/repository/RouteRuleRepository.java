package io.trunkline.gateway.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gateway.RouteRule;

@ApplicationScoped
public class RouteRuleRepository implements PanacheRepositoryBase<RouteRule, String> {

    /** The global rules and the tenant's, in no particular order (the caller matches prefixes). */
    public List<RouteRule> forTenant(String tenantId) {
        return list("tenantId is null or tenantId = ?1", tenantId);
    }

    public List<RouteRule> all() {
        return list("order by prefix, tenantId, priority desc, createdAt");
    }
}
