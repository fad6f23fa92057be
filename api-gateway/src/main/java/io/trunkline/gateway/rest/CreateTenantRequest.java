package io.trunkline.gateway.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/operator/tenants}. */
public record CreateTenantRequest(
        @Schema(required = true, examples = "Acme") String name,
        @Schema(required = true, description = "ISO 3166-1 alpha-2 region national numbers are read in", examples = "AU")
        String defaultRegion,
        @Schema(description = "Alphanumeric sender ids (1-11 characters) or E.164 numbers the tenant may send from")
        List<String> senderIds) {
}
