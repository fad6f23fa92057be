package io.trunkline.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A billable record: one message (all its segments) sent or received, or one call leg; on {@link Topics#CDR_EVENTS},
 * keyed by tenant id. {@code cdrId} is stable across redeliveries: billing rates each id once.
 * {@code success} false means the attempt failed; whether that is billed is the tenant plan's choice.
 * {@code buyCost}/{@code buyCurrency}: what the channel (carrier) charges us for it, when the producer knows it (a
 * carrier's configured price); null when unknown, and billing then rates the buy side from its own buy cards.
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
        String hangupCause,
        BigDecimal buyCost,
        String buyCurrency) implements TrunklineEvent {

    /** A record whose buy cost the producer does not know. */
    public CdrRecorded(String cdrId, String tenantId, CdrService service, String subjectId, String source,
            String destination, int segments, long billableSeconds, Instant startedAt, Instant answeredAt,
            Instant endedAt, String channel, String carrier, boolean success, String hangupCause) {
        this(cdrId, tenantId, service, subjectId, source, destination, segments, billableSeconds, startedAt, answeredAt,
                endedAt, channel, carrier, success, hangupCause, null, null);
    }

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
        if (buyCost != null && (buyCost.signum() < 0 || buyCurrency == null || buyCurrency.isBlank())) {
            throw new IllegalArgumentException("field buyCost must not be negative and needs buyCurrency");
        }
    }

    @Override
    public String key() {
        return tenantId;
    }
}
