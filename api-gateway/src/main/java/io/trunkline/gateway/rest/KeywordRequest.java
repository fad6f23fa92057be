package io.trunkline.gateway.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/operator/inbound-numbers/{id}/keywords}. */
@Schema(name = "KeywordRequest")
public record KeywordRequest(
        @Schema(required = true, description = "The tenant the keyword routes to") String tenantId,
        @Schema(required = true, description = "One word (letters, digits, . _ -; at most 32), matched in any case",
                examples = "BG") String keyword,
        @Schema(description = "Other words that mean the same keyword", examples = "[\"SUGAR\"]")
        List<String> aliases) {
}
