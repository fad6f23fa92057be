package io.trunkline.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The accept path of single sends ({@code trunkline.gateway.accept.*}): the group-commit writer of
 * {@code POST /v1/messages} and {@code /cgi-bin/sendsms}, and the short-lived caches in front of it.
 */
@ConfigMapping(prefix = "trunkline.gateway.accept")
public interface AcceptConfig {

    /**
     * Writer threads. Each takes what has queued up since its last commit (up to {@link #maxBatch()}) and stores it in
     * one transaction, so a busy gateway commits many messages per fsync and an idle one writes each at once. One is
     * enough (while it commits, the next batch gathers); two writers' multi-row inserts were seen to deadlock in
     * InnoDB under load (each batch then is written again message by message, which is slower, though nothing is lost).
     */
    @WithDefault("1")
    int writerThreads();

    /** Most messages in one writer transaction. */
    @WithDefault("200")
    int maxBatch();

    /**
     * Messages waiting for a writer; past it a send is refused with 503 and {@code Retry-After} instead of queueing
     * without bound (the database cannot keep up).
     */
    @WithDefault("20000")
    int queueCapacity();

    /**
     * How long a verified API key (with its tenant's status, sender IDs and region) is trusted without reading it
     * again. A revocation or suspension takes effect at once on the instance that made it, and within this time on
     * the others.
     */
    @WithDefault("5s")
    Duration keyCacheTtl();

    /**
     * How long a tenant's last known balance is used for admission before it is read again (a new balance from
     * billing replaces it at once on the instance that consumed it). Billing's balance already trails the sends it
     * rates; this adds at most this much.
     */
    @WithDefault("1s")
    Duration balanceCacheTtl();

    /** How long a tenant's routing rules are used before they are read again (the operator's changes apply at once here). */
    @WithDefault("5s")
    Duration routeCacheTtl();
}
