package io.trunkline.gateway;

import java.util.List;

/** The tenant a request's API key belongs to, as the request sees it (a snapshot, not a managed entity). */
public record TenantPrincipal(String tenantId, String name, String defaultRegion, List<String> senderIds, String keyId) {
    public TenantPrincipal {
        senderIds = List.copyOf(senderIds);
    }

    public static TenantPrincipal of(Tenant t, String keyId) {
        return new TenantPrincipal(t.id, t.name, t.defaultRegion, t.senderIds, keyId);
    }
}
