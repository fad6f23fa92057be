package io.trunkline.events;

import java.time.Instant;

/** A step in a call's life; on {@link Topics#CALL_STATUS}, keyed by call id. */
public record CallStatusChanged(
        String callId,
        String tenantId,
        CallStatus status,
        String party,
        String reason,
        Instant occurredAt) implements TrunklineEvent {

    public CallStatusChanged {
        Require.present(callId, "callId");
        Require.present(tenantId, "tenantId");
        Require.present(status, "status");
        Require.present(occurredAt, "occurredAt");
    }

    @Override
    public String key() {
        return callId;
    }
}
