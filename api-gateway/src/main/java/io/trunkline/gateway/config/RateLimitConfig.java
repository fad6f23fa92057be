package io.trunkline.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-tenant send rate limit ({@code trunkline.gateway.rate-limit.*}); see docs/admission-and-kannel.md. */
@ConfigMapping(prefix = "trunkline.gateway.rate-limit")
public interface RateLimitConfig {

    /** Off: no send is refused with 429 (env {@code TRUNKLINE_GATEWAY_RATE_LIMIT_ENABLED}). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Sustained sends per second of a tenant without an operator override, per gateway instance
     * (env {@code TRUNKLINE_GATEWAY_RATE_LIMIT_PER_SECOND}).
     */
    @WithDefault("100")
    int defaultMessagesPerSecond();

    /** Bucket size of a tenant without an override: sends allowed at once (env {@code TRUNKLINE_GATEWAY_RATE_LIMIT_BURST}). */
    @WithDefault("200")
    int defaultBurst();

    /**
     * How long an instance keeps a tenant's limit before reading it from the database again; an override set through
     * another instance takes effect here within this time (the instance that took the PUT applies it at once).
     */
    @WithDefault("10s")
    Duration refreshAfter();
}
