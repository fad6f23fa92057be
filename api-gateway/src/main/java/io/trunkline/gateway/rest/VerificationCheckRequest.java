package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/verifications/{id}/check}. */
@Schema(name = "VerificationCheckRequest")
public record VerificationCheckRequest(
        @Schema(required = true, description = "The code the user typed (digits)", examples = "482913") String code) {
}
