package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/messages}. Checked by {@code MessageService}, which names every offending field at once. */
@Schema(name = "SendMessageRequest")
public record SendMessageRequest(
        @Schema(required = true, description = "Destination: E.164, or a national number read in the tenant's default region",
                examples = "+61412345678") String to,
        @Schema(required = true, description = "E.164 number, or an alphanumeric sender id (1-11 characters) from the "
                + "tenant's allowed list", examples = "Trunkline") String from,
        @Schema(required = true, description = "Message text; GSM-7 when possible, UCS-2 otherwise, split into at most "
                + "the configured number of segments", examples = "Hey Jude") String text,
        @Schema(description = "The tenant's own reference, up to 255 characters") String reference,
        @JsonProperty("status_callback") @Schema(description = "http(s) URL to report status changes to")
        String statusCallback,
        @Schema(description = "Seconds the network may keep trying to deliver the message") Long validity,
        @JsonProperty("send_at") @Schema(description = "Send later: an RFC 3339 time up to 35 days ahead; the message "
                + "is scheduled and can be canceled until it is sent", examples = "2026-12-24T09:00:00Z") String sendAt) {

    /** A send now, without the optional scheduling. */
    public SendMessageRequest(String to, String from, String text, String reference, String statusCallback,
            Long validity) {
        this(to, from, text, reference, statusCallback, validity, null);
    }
}
