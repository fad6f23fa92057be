package io.trunkline.gateway.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The new signing secret, shown only in this answer. */
@Schema(description = "A new webhook signing secret; it replaces the previous one at once and is shown only here.",
        example = "{\"secret\":\"whsec_3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"createdAt\":\"2026-11-26T05:00:00Z\"}")
public record WebhookSecretView(String secret, Instant createdAt) {
}
