package io.trunkline.events;

import java.time.Instant;

/**
 * A message the gateway accepted and routed; on {@link Topics#SMS_OUTBOUND}, keyed by message id. Only the channel
 * that {@code route} names sends it (e.g. {@code smpp:sandbox}, {@code http:acme}, {@code gsm}).
 */
public record SmsAccepted(
        String messageId,
        String tenantId,
        String from,
        String to,
        String text,
        SmsEncoding encoding,
        int segments,
        String route,
        boolean deliveryReport,
        Instant validUntil,
        String reference,
        Instant acceptedAt) implements TrunklineEvent {

    public SmsAccepted {
        Require.present(messageId, "messageId");
        Require.present(tenantId, "tenantId");
        Require.present(from, "from");
        Require.present(to, "to");
        Require.present(text, "text");
        Require.present(encoding, "encoding");
        Require.present(route, "route");
        Require.present(acceptedAt, "acceptedAt");
        if (segments < 1) {
            throw new IllegalArgumentException("field segments must be at least 1");
        }
    }

    /** The channel part of the route: {@code smpp}, {@code http}, {@code gsm}, {@code email}. */
    public String channel() {
        int colon = route.indexOf(':');
        return colon < 0 ? route : route.substring(0, colon);
    }

    @Override
    public String key() {
        return messageId;
    }
}
