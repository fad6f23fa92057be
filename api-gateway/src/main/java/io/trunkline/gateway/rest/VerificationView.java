package io.trunkline.gateway.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.trunkline.gateway.Verification;

/** A verification as its tenant sees it (also the {@code verification.status} webhook's payload); never the code. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Verification")
public record VerificationView(
        String id,
        @Schema(examples = "+61412345678") String to,
        @Schema(enumeration = { "sms", "call" }) String channel,
        @Schema(enumeration = { "pending", "approved", "canceled", "expired", "max_attempts_reached" }) String status,
        @Schema(examples = "en") String locale,
        @JsonProperty("code_length") int codeLength,
        @JsonProperty("attempts_left") @Schema(description = "Wrong checks still allowed") int attemptsLeft,
        @JsonProperty("expires_at") Instant expiresAt,
        String reference,
        @JsonProperty("message_id") @Schema(description = "The SMS that carried the code (channel sms)")
        String messageId,
        @JsonProperty("call_id") @Schema(description = "The call that speaks the code (channel call)") String callId,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    public static VerificationView of(Verification v) {
        return new VerificationView(v.id, v.toNumber, v.channel.external(), v.status.external(), v.locale,
                v.codeLength, v.status == io.trunkline.gateway.VerificationStatus.PENDING ? v.attemptsLeft() : 0,
                v.expiresAt, v.reference, v.messageId, v.callId, v.createdAt, v.updatedAt);
    }
}
