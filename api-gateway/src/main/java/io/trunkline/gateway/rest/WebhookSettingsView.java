package io.trunkline.gateway.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.WebhookSettings;

/** The tenant's webhook settings; {@code secret} only in the answer that made it. */
@Schema(description = "Webhook settings. secret appears only in the answer that created it (first PUT, or rotate).")
public record WebhookSettingsView(
        @JsonInclude(JsonInclude.Include.ALWAYS) String messageStatusUrl,
        @JsonInclude(JsonInclude.Include.ALWAYS) String inboundMessageUrl,
        @JsonInclude(JsonInclude.Include.ALWAYS) String callStatusUrl,
        @JsonInclude(JsonInclude.Include.ALWAYS) String verificationUrl,
        @Schema(description = "Whether a signing secret exists") boolean secretSet,
        @Schema(description = "When the current signing secret was made") Instant secretCreatedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "Until when the secret a rotation replaced still signs too; null when none does")
        Instant previousSecretExpiresAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The signing secret (whsec_...): shown once, store it now") String secret) {

    public static WebhookSettingsView of(WebhookSettings s, String secret) {
        return new WebhookSettingsView(s.messageStatusUrl, s.inboundMessageUrl, s.callStatusUrl, s.verificationUrl,
                s.secretEnc != null, s.secretCreatedAt,
                s.previousSecretValidAt(Clocks.now()) ? s.previousSecretExpiresAt : null, secret);
    }
}
