package io.trunkline.gateway.rest;

import java.time.Instant;

import io.trunkline.gateway.InboundNumber;

/** A receiving number as the operator sees it. */
public record InboundNumberView(String id, String number, String kind, String tenantId, boolean shared,
        String defaultAppId, String description, Instant createdAt, Instant updatedAt) {

    public static InboundNumberView of(InboundNumber n) {
        return new InboundNumberView(n.id, n.number, n.kind.name(), n.tenantId, n.shared(), n.defaultAppId,
                n.description, n.createdAt, n.updatedAt);
    }
}
