package io.trunkline.events;

import java.time.Instant;

/** A step in an outbound message's life, reported by the channel that took it; on {@link Topics#SMS_STATUS}. */
public record SmsStatusChanged(
        String messageId,
        String tenantId,
        SmsStatus status,
        String channel,
        String channelMessageId,
        String errorCode,
        String reason,
        Instant occurredAt) implements TrunklineEvent {

    public SmsStatusChanged {
        Require.present(messageId, "messageId");
        Require.present(tenantId, "tenantId");
        Require.present(status, "status");
        Require.present(channel, "channel");
        Require.present(occurredAt, "occurredAt");
    }

    @Override
    public String key() {
        return messageId;
    }
}
