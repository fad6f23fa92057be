package io.trunkline.gateway.rest;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.trunkline.gateway.Contact;
import io.trunkline.gateway.service.BroadcastService;

/** A member of a contact list with its template fields. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Contact")
public record ContactListContactView(
        @Schema(examples = "+61412345678") String number,
        @Schema(description = "Template fields", examples = "{\"first_name\": \"Ann\"}") Map<String, String> fields,
        Instant createdAt) {

    public static ContactListContactView of(Contact c, Map<String, String> fields) {
        return new ContactListContactView(c.number, fields, c.createdAt);
    }

    /** Keeps {@link BroadcastService} the one reader of stored fields JSON. */
    static Map<String, String> fields(com.fasterxml.jackson.databind.ObjectMapper json, String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        try {
            return BroadcastService.fields(json.readTree(stored));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of();
        }
    }
}
