package io.trunkline.events;

import java.time.Instant;

/** A message received from a handset (modem, carrier) or an e-mail; on {@link Topics#SMS_INBOUND}, keyed by receiving number. */
public record SmsReceived(
        String inboundId,
        String tenantId,
        String from,
        String to,
        String text,
        SmsEncoding encoding,
        int segments,
        String channel,
        String channelRef,
        Instant receivedAt) implements TrunklineEvent {

    public SmsReceived {
        Require.present(inboundId, "inboundId");
        Require.present(from, "from");
        Require.present(to, "to");
        Require.present(text, "text");
        Require.present(channel, "channel");
        Require.present(receivedAt, "receivedAt");
        Require.notNegative(segments, "segments");
    }

    /** Inbound messages are matched to a tenant by the gateway, so the producer may not know it yet. */
    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String key() {
        return to;
    }
}
