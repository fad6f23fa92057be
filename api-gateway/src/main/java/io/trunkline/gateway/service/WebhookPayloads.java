package io.trunkline.gateway.service;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.trunkline.gateway.MessageStatusEntry;
import io.trunkline.gateway.MessageStatuses;
import io.trunkline.gateway.SmsMessage;

/** The JSON bodies tenants receive (documented in docs/webhooks.md; field names are snake_case like the events'). */
public final class WebhookPayloads {
    private WebhookPayloads() {
    }

    /**
     * What every webhook body is: {@code id} names the event (the same on every retry and replay), {@code type} is the
     * event type (also in the {@code Trunkline-Event} header), {@code data} the kind's payload.
     */
    @JsonPropertyOrder({ "id", "type", "tenant_id", "created_at", "data" })
    public record Envelope(
            String id,
            String type,
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("created_at") Instant createdAt,
            Object data) {
    }

    /** {@code message.status}: a message's status moved forward. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "message_id", "reference", "status", "previous_status", "error_code", "reason", "occurred_at",
        "channel", "channel_message_id", "to", "from", "segments" })
    public record MessageStatus(
            @JsonProperty("message_id") String messageId,
            /** The tenant's own {@code reference} given when sending; null when none was given. */
            String reference,
            String status,
            /** The message's status before this step; null when not known. */
            @JsonProperty("previous_status") String previousStatus,
            @JsonProperty("error_code") String errorCode,
            String reason,
            @JsonProperty("occurred_at") Instant occurredAt,
            String channel,
            @JsonProperty("channel_message_id") String channelMessageId,
            String to,
            String from,
            int segments) {

        /**
         * The step as the tenant sees it. Called before the message entity takes the new status (the status update is
         * a bulk UPDATE), so the entity's status is the previous one; a caller that already set it gives no previous.
         */
        public static MessageStatus of(SmsMessage m, MessageStatusEntry step) {
            String previous = m.status == null || m.status == step.status ? null : MessageStatuses.external(m.status);
            return new MessageStatus(m.id, m.reference, MessageStatuses.external(step.status), previous,
                    step.errorCode, step.reason, step.occurredAt, step.channel, step.channelMessageId, m.recipient,
                    m.sender, m.segments);
        }
    }
}
