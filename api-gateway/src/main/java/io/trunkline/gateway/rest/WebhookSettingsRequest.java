package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PUT /v1/webhooks/settings}: the tenant's default URL per kind; an absent or null URL means none. */
@Schema(description = "Default webhook URLs per kind (absolute http or https, at most 2048 characters); null or "
        + "absent = none. Replaces all four.", example = "{\"messageStatusUrl\":\"https://hooks.example.com/sms-status\","
        + "\"inboundMessageUrl\":\"https://hooks.example.com/inbound\",\"callStatusUrl\":null,\"verificationUrl\":null}")
public record WebhookSettingsRequest(
        @Schema(description = "Status callbacks of messages sent without their own status_callback")
        String messageStatusUrl,
        @Schema(description = "Inbound SMS to the tenant's numbers") String inboundMessageUrl,
        @Schema(description = "Call status changes") String callStatusUrl,
        @Schema(description = "Verification outcomes") String verificationUrl) {
}
