package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST/PUT /v1/operator/routes}. */
@Schema(name = "RouteRuleRequest")
public record RouteRuleRequest(
        @Schema(required = true, description = "Destination prefix: up to 15 digits, '+' optional; '' = every destination",
                examples = "614") String prefix,
        @Schema(description = "Only this tenant's messages; absent = every tenant") String tenantId,
        @Schema(required = true, description = "smpp:<carrier>, http:<carrier>, gsm, email, or lcr (billing's "
                + "cheapest carrier as smpp:<carrier>)", examples = "smpp:telstra") String route,
        @Schema(description = "Among rules of the same prefix length and scope the higher wins; default 0")
        Integer priority) {
}
