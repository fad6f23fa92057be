package io.trunkline.gateway.rest;

import java.time.Instant;
import java.util.List;

/** A keyword on a receiving number, its aliases and the app on it (null = none). */
public record KeywordView(String id, String numberId, String tenantId, String keyword, List<String> aliases,
        String appId, Instant createdAt) {
}
