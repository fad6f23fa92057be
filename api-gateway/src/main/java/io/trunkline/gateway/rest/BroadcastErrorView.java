package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of a broadcast or an import that was not taken, and why. */
@Schema(name = "RowError")
public record BroadcastErrorView(
        @Schema(description = "Row number: 1-based position in `to` or in the list snapshot; in a CSV import the line "
                + "number (the header is line 1)", examples = "3") int row,
        @Schema(description = "The value as given", examples = "12345") String value,
        @Schema(description = "invalid_number, duplicate, opted_out, missing_field, invalid_text, rejected",
                examples = "invalid_number") String code,
        @Schema(examples = "not a valid phone number (E.164, or national in AU)") String reason) {
}
