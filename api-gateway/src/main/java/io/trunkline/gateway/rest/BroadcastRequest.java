package io.trunkline.gateway.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /v1/broadcasts}. Checked by {@code BroadcastService}: request-level fields in one 400, rows per row. */
@Schema(name = "BroadcastRequest", description = "Exactly one of text and template; exactly one of to and "
        + "contact_list_id.")
public record BroadcastRequest(
        @Schema(required = true, description = "E.164 number, or an alphanumeric sender id from the tenant's allowed "
                + "list", examples = "Trunkline") String from,
        @Schema(description = "The same text for every recipient", examples = "Sale ends tonight") String text,
        @Schema(description = "A text with placeholders filled from each contact's fields: {{first_name}}, or "
                + "{{first_name|there}} with a default for a missing field", examples = "Hi {{first_name|there}}!")
        String template,
        @Schema(description = "Up to 100,000 recipients: each a number (E.164, or national in the tenant's default "
                + "region), or an object {\"number\": ..., \"fields\": {...}}", type = SchemaType.ARRAY,
                examples = "[\"+61412345678\", {\"number\": \"0412345679\", \"fields\": {\"first_name\": \"Ann\"}}]")
        List<JsonNode> to,
        @JsonProperty("contact_list_id") @Schema(description = "Send to the members of this contact list instead of "
                + "`to` (a snapshot taken now)") String contactListId,
        @JsonProperty("send_at") @Schema(description = "Start later: an RFC 3339 time up to 35 days ahead",
                examples = "2026-12-24T09:00:00Z") String sendAt,
        @Schema(description = "The tenant's own reference, up to 255 characters; copied onto every message")
        String reference,
        @JsonProperty("status_callback") @Schema(description = "http(s) URL status changes of every message are "
                + "reported to") String statusCallback) {
}
