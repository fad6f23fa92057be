package io.trunkline.gateway.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.trunkline.gateway.Tenant;

public record TenantView(String id, String name, String defaultRegion, List<String> senderIds, String status,
        Instant createdAt, Instant updatedAt) {

    public static TenantView of(Tenant t) {
        return new TenantView(t.id, t.name, t.defaultRegion, List.copyOf(t.senderIds),
                t.status.name().toLowerCase(Locale.ROOT), t.createdAt, t.updatedAt);
    }
}
