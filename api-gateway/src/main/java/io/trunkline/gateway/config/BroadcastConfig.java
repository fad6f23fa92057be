package io.trunkline.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Broadcasts and contact lists ({@code trunkline.gateway.broadcasts.*}); env names in application.properties. */
@ConfigMapping(prefix = "trunkline.gateway.broadcasts")
public interface BroadcastConfig {

    /** Most recipients one broadcast may have (inline {@code to} rows or contact-list members). */
    @WithDefault("100000")
    int maxRecipients();

    /**
     * Messages one broadcast dispatches per tick (env {@code TRUNKLINE_GATEWAY_BROADCAST_BATCH_SIZE}); each batch is
     * one transaction. With the interval it bounds a broadcast's pace (default 200 per second).
     */
    @WithDefault("200")
    int batchSize();

    /**
     * How often the dispatcher looks for due broadcasts (env {@code TRUNKLINE_GATEWAY_BROADCAST_INTERVAL}); read by
     * the {@code @Scheduled} of {@code BroadcastDispatcher}; at least 1s (Quarkus' simple scheduler runs nothing more
     * often). With no due broadcast a tick is one indexed query.
     */
    @WithDefault("1s")
    String interval();

    /** Broadcasts served per tick, oldest first; each gets one batch, so a big one cannot starve the others. */
    @WithDefault("20")
    int broadcastsPerTick();

    /** Per-row errors shown inline in the broadcast resource; the rest are at {@code GET /v1/broadcasts/{id}/errors}. */
    @WithDefault("100")
    int inlineErrors();

    /** Most rows of one CSV import ({@code POST /v1/contact-lists/{id}/import}). */
    @WithDefault("100000")
    int maxImportRows();

    /** Transaction timeout, in seconds, of creating a broadcast or importing a list (100,000 rows take a while). */
    @WithDefault("300")
    int bulkTransactionTimeout();
}
