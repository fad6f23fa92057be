package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PUT /v1/operator/tenants/{id}/limits}. */
@Schema(name = "TenantLimitRequest")
public record TenantLimitRequest(
        @Schema(required = true, description = "Sustained sends per second (1-1000000), per gateway instance",
                examples = "50") Integer messagesPerSecond,
        @Schema(description = "Sends allowed at once after a quiet spell (1-1000000); defaults to messagesPerSecond",
                examples = "100") Integer burst) {
}
