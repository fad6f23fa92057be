package io.trunkline.events;

import java.time.Instant;

/**
 * A billable record: one message (all its segments) sent or received, or one call leg; on {@link Topics#CDR_EVENTS},
 * keyed by tenant id. {@code cdrId} is stable across redeliveries: billing rates each id once.
 * {@code success} false means the attempt failed; whether that is billed is the tenant plan's choice.
 */
public record CdrRecorded(
        String cdrId,
        String tenantId,
        CdrService service,
        String subjectId,
        String source,
        String destination,
        int segments,
        long billableSeconds,
        Instant startedAt,
        Instant answeredAt,
        Instant endedAt,
        String channel,
        String carrier,
        boolean success,
        String hangupCause) implements TrunklineEvent {

    public CdrRecorded {
        Require.present(cdrId, "cdrId");
        Require.present(tenantId, "tenantId");
        Require.present(service, "service");
        Require.present(subjectId, "subjectId");
        Require.present(destination, "destination");
        Require.present(startedAt, "startedAt");
        Require.present(channel, "channel");
        Require.notNegative(segments, "segments");
        if (billableSeconds < 0) {
            throw new IllegalArgumentException("field billableSeconds must not be negative");
        }
    }

    @Override
    public String key() {
        return tenantId;
    }
}
