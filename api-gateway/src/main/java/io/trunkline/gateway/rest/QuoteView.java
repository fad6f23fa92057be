package io.trunkline.gateway.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/messages/quote}: what sending this request would do and cost; nothing is sent. */
@Schema(name = "MessageQuote")
public record QuoteView(
        @Schema(description = "GSM7 or UCS2") String encoding,
        int segments,
        @Schema(description = "The route that would be chosen now", examples = "smpp:sandbox") String route,
        @Schema(description = "The tenant's price from billing; null when billing cannot say (see warnings)",
                nullable = true) Price price,
        @Schema(description = "Why something is missing or approximate, e.g. billing-unavailable") List<String> warnings) {

    @Schema(name = "MessagePrice")
    public record Price(String currency, String unitPrice, String total) {
    }
}
