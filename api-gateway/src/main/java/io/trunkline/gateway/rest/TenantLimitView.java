package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.trunkline.gateway.service.TenantLimitService;

/** A tenant's rate limit as it applies. */
@Schema(name = "TenantLimit")
public record TenantLimitView(
        String tenantId,
        @Schema(examples = "50") int messagesPerSecond,
        @Schema(examples = "100") int burst,
        @Schema(description = "tenant: the operator's override; default: the configured default",
                enumeration = { "tenant", "default" }) String source) {

    static TenantLimitView of(TenantLimitService.Effective e) {
        return new TenantLimitView(e.tenantId(), e.messagesPerSecond(), e.burst(), e.override() ? "tenant" : "default");
    }
}
