package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/verifications}. Checked by {@code VerificationService}, which names every offending field at once. */
@Schema(name = "VerificationRequest")
public record VerificationRequest(
        @Schema(required = true, description = "The number to verify: E.164, or national in the tenant's default region",
                examples = "+61412345678") String to,
        @Schema(description = "How the code is sent", enumeration = { "sms", "call" }, defaultValue = "sms")
        String channel,
        @JsonProperty("code_length") @Schema(description = "Digits of the code, 4 to 10", defaultValue = "6",
                minimum = "4", maximum = "10") Integer codeLength,
        @Schema(description = "Seconds the code is valid (bounded by the operator's min-ttl and max-ttl; default 600)",
                examples = "600") Long ttl,
        @Schema(description = "Own text with the placeholder {code} (SMS text, or what the call says); default: the "
                + "locale's built-in text", examples = "Your Acme code is {code}") String template,
        @Schema(description = "Language of the built-in text and of the call's voice: en, fr, es, de (with an "
                + "optional region such as en-GB)", defaultValue = "en") String locale,
        @Schema(description = "SMS: an allowed alphanumeric sender id or an E.164 number (default: the account's "
                + "first sender id). Call: the caller id, E.164 (default: the voice service's)", examples = "Trunkline")
        String from,
        @Schema(description = "The tenant's own reference, up to 255 characters", examples = "signup-42")
        String reference) {
}
