package io.trunkline.events;

import java.time.Instant;
import java.util.List;

/**
 * A call to place; on {@link Topics#CALL_REQUESTS}, keyed by call id. {@code agents} are dialled first (in order,
 * or all at once for ring-all follow-me); {@code customers} are the other party or, for a speech broadcast, the list.
 */
public record CallRequested(
        String callId,
        String tenantId,
        CallKind kind,
        List<String> agents,
        List<String> customers,
        String callerId,
        String speechText,
        String voice,
        String profileId,
        String reference,
        String statusCallback,
        Instant deadline,
        Instant requestedAt) implements TrunklineEvent {

    public CallRequested {
        Require.present(callId, "callId");
        Require.present(tenantId, "tenantId");
        Require.present(kind, "kind");
        Require.present(requestedAt, "requestedAt");
        agents = agents == null ? List.of() : List.copyOf(agents);
        customers = customers == null ? List.of() : List.copyOf(customers);
    }

    @Override
    public String key() {
        return callId;
    }
}
