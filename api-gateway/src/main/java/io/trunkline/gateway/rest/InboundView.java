package io.trunkline.gateway.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.trunkline.gateway.InboundMessage;

/** A received message as a tenant (and its inbound webhook, {@code message.inbound}) sees it. */
@Schema(name = "InboundMessage")
public record InboundView(
        @Schema(description = "Id of the stored inbound message") String id,
        @Schema(description = "The handset's number (E.164), or the e-mail address of an e-mail-to-SMS",
                examples = "+61412345678") String from,
        @Schema(description = "The receiving number (E.164 or short code), or +<number> / list:<name> of an "
                + "e-mail-to-SMS", examples = "+61480000001") String to,
        @Schema(description = "The keyword that matched (upper case); null when none did", examples = "BG")
        String keyword,
        String text,
        @Schema(description = "GSM7 or UCS2 as received") String encoding,
        int segments,
        @Schema(description = "The channel that received it: smpp, gsm, email, ...") String channel,
        @Schema(description = "The app that handled it; null when none") String appId,
        @Schema(description = "What the gateway did with it", examples = "collect: stored; reply sent")
        String outcome,
        Instant receivedAt) {

    public static InboundView of(InboundMessage m) {
        return new InboundView(m.id, m.sender, m.recipient, m.keyword, m.text,
                m.encoding == null ? null : m.encoding.name(), m.segments, m.channel, m.appId, m.outcome,
                m.receivedAt);
    }
}
