package io.trunkline.gateway.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of a CSV import: every data row is either imported or in {@code errors}. */
@Schema(name = "ContactListImport")
public record ContactListImportView(
        @Schema(description = "Data rows in the file (the header not counted)", examples = "4") int rows,
        @Schema(description = "Rows stored as new contacts", examples = "2") int imported,
        @Schema(description = "Rows with an invalid or missing number, or the wrong number of columns", examples = "1")
        int invalid,
        @Schema(description = "Rows repeating an earlier row's number, or a number on the list already", examples = "1")
        int duplicate,
        @Schema(description = "One entry per row not imported: row (the header is row 1), value, code, reason")
        List<BroadcastErrorView> errors) {
}
