package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST/PUT /v1/operator/inbound-numbers}. */
@Schema(name = "InboundNumberRequest")
public record InboundNumberRequest(
        @Schema(required = true, description = "E.164 (SIM or long number) or short code digits (3-8)",
                examples = "+61480000001") String number,
        @Schema(description = "SIM, LONG_NUMBER or SHORT_CODE; default SHORT_CODE for digits, LONG_NUMBER for E.164")
        String kind,
        @Schema(description = "The tenant the number is exclusive to; absent = shared by keyword") String tenantId,
        @Schema(description = "An app on this number that takes what no keyword matched") String defaultAppId,
        @Schema(description = "Free text for the operator") String description) {
}
