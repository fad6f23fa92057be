package io.trunkline.gateway.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.trunkline.gateway.RouteRule;

@Schema(name = "RouteRule")
public record RouteRuleView(String id, String prefix, String tenantId, String route, int priority, Instant createdAt,
        Instant updatedAt) {

    public static RouteRuleView of(RouteRule r) {
        return new RouteRuleView(r.id, r.prefix, r.tenantId, r.route, r.priority, r.createdAt, r.updatedAt);
    }
}
