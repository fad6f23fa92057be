package io.trunkline.gateway.rest;

import java.time.Instant;

import io.trunkline.gateway.ApiKey;

/** An API key without its secret. */
public record KeyView(String id, String name, String prefix, Instant createdAt, Instant lastUsedAt, boolean revoked,
        Instant revokedAt) {

    public static KeyView of(ApiKey k) {
        return new KeyView(k.id, k.name, k.keyPrefix, k.createdAt, k.lastUsedAt, k.revoked(), k.revokedAt);
    }
}
