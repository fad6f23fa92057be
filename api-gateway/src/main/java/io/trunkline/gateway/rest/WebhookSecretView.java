package io.trunkline.gateway.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The new signing secret, shown only in this answer, and until when the replaced one still signs. */
@Schema(description = "A new webhook signing secret, shown only here. previousSecretExpiresAt: until when the replaced "
        + "secret signs each webhook too (a second v1 in Trunkline-Signature); null when it stopped at once.",
        example = "{\"secret\":\"whsec_3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"createdAt\":\"2026-11-26T05:00:00Z\","
                + "\"previousSecretExpiresAt\":\"2026-11-27T05:00:00Z\"}")
public record WebhookSecretView(String secret, Instant createdAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant previousSecretExpiresAt) {
}
