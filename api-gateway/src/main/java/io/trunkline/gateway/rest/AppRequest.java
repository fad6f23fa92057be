package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST/PUT /v1/apps}. */
@Schema(name = "AppRequest")
public record AppRequest(
        @Schema(required = true, description = "A name for the tenant, 1-100 characters", examples = "Blood sugar")
        String name,
        @Schema(required = true, description = "collect, poll, auto-reply, forward, call-back or subscribe",
                examples = "collect") String type,
        @Schema(required = true, description = "A receiving number of this account (E.164 or short code)",
                examples = "+61480000001") String number,
        @Schema(description = "The keyword it answers on that number (an operator-assigned one on a shared number; "
                + "any free word on an exclusive one); absent = the account's default app on an exclusive number",
                examples = "BG") String keyword,
        @Schema(required = true, description = "The type's configuration; see docs/inbound-and-apps.md",
                examples = "{\"pattern\":\"BG <number> [<note>]\",\"reply\":\"Thanks, {number} recorded.\"}")
        JsonNode config) {
}
