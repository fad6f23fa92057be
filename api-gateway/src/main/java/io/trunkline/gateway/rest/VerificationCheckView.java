package io.trunkline.gateway.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.trunkline.gateway.Verification;

/** The answer to a check: approved, or still pending (or, on the last allowed wrong code, max_attempts_reached). */
@Schema(name = "VerificationCheck")
public record VerificationCheckView(
        String id,
        @Schema(enumeration = { "approved", "pending", "max_attempts_reached" }) String status,
        @Schema(description = "Whether the code was right") boolean valid,
        @JsonProperty("attempts_left") int attemptsLeft,
        @JsonProperty("expires_at") Instant expiresAt) {

    public static VerificationCheckView of(Verification v, boolean valid) {
        VerificationView view = VerificationView.of(v);
        return new VerificationCheckView(v.id, view.status(), valid, view.attemptsLeft(), v.expiresAt);
    }
}
