package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /v1/contact-lists/{id}/contacts}. */
@Schema(name = "ContactRequest")
public record ContactListContactRequest(
        @Schema(required = true, description = "E.164, or national in the tenant's default region",
                examples = "+61412345678") String number,
        @Schema(description = "Template fields (a JSON object of strings)", examples = "{\"first_name\": \"Ann\"}")
        JsonNode fields) {
}
