package io.trunkline.gateway.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.trunkline.events.SmsEncoding;
import io.trunkline.gateway.MessageStatusEntry;
import io.trunkline.gateway.MessageStatuses;
import io.trunkline.gateway.SmsMessage;

/** A message as its tenant sees it; {@code timeline} only on the single-message read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(
        String id,
        @Schema(description = "Current status", enumeration = { "scheduled", "queued", "sending", "sent", "delivered",
                "partially_delivered", "undelivered", "failed", "expired", "canceled", "unknown" })
        String status,
        String to,
        String from,
        String text,
        SmsEncoding encoding,
        int segments,
        String route,
        String reference,
        @JsonProperty("status_callback") String statusCallback,
        @JsonProperty("send_at") @Schema(description = "When a scheduled message is due; absent when sent at once")
        Instant sendAt,
        @Schema(description = "End of the validity: counted from send_at when scheduled, else from acceptance")
        Instant validUntil,
        String errorCode,
        String reason,
        Instant createdAt,
        Instant updatedAt,
        List<TimelineEntry> timeline) {

    /** One step of the message's life. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineEntry(String status, Instant at,
            @Schema(description = "Who reported the step: gateway (accepted, scheduled, canceled, expired) or the "
                    + "channel (smpp, gsm, ...)") String channel,
            @Schema(description = "The channel's or network's error code, when the step is a failure") String errorCode,
            String reason) {
        static TimelineEntry of(MessageStatusEntry e) {
            return new TimelineEntry(MessageStatuses.external(e.status), e.occurredAt, e.channel, e.errorCode, e.reason);
        }
    }

    public static MessageView of(SmsMessage m) {
        return of(m, null);
    }

    public static MessageView of(SmsMessage m, List<MessageStatusEntry> history) {
        return new MessageView(m.id, MessageStatuses.external(m.status), m.recipient, m.sender, m.body, m.encoding,
                m.segments, m.route, m.reference, m.statusCallback, m.sendAt, m.validUntil, m.errorCode, m.errorReason,
                m.createdAt, m.updatedAt, history == null ? null : history.stream().map(TimelineEntry::of).toList());
    }
}
