package io.trunkline.gateway.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook delivery ({@code trunkline.gateway.webhooks.*}); see docs/webhooks.md. Env names in application.properties. */
@ConfigMapping(prefix = "trunkline.gateway.webhooks")
public interface WebhookConfig {

    /** How often the dispatcher looks for due deliveries (read by its {@code @Scheduled}; the scheduler's minimum is 1s). */
    @WithDefault("1s")
    String pollEvery();

    /** Most due deliveries one poll claims. */
    @WithDefault("100")
    int batchSize();

    /** Most webhook requests in flight in this gateway instance, over all tenants. */
    @WithDefault("32")
    int maxConcurrency();

    /** Most requests in flight per tenant, so one tenant's slow receiver cannot take every slot. */
    @WithDefault("4")
    int perTenantConcurrency();

    /** Most requests in flight per receiver host:port (shared by tenants that use the same receiver). */
    @WithDefault("8")
    int perHostConcurrency();

    /** Connect timeout of a webhook request. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Whole-request timeout (until the answer's headers); past it the try counts as failed and is retried. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Delay before the second try; each further delay doubles (with jitter) up to {@link #maxBackoff()}. */
    @WithDefault("30s")
    Duration initialBackoff();

    /** Longest delay between two tries. */
    @WithDefault("2h")
    Duration maxBackoff();

    /** Tries in all (the first included); after the last failed one the delivery is dead. */
    @WithDefault("20")
    int maxAttempts();

    /** No try is scheduled later than this after the delivery was queued; then it is dead. */
    @WithDefault("24h")
    Duration maxAge();

    /** Finished (delivered or dead) deliveries and their tries are deleted after this. */
    @WithDefault("P30D")
    Duration retention();

    /** How often deliveries past their retention are deleted (read by the scheduler). */
    @WithDefault("1h")
    String purgeEvery();

    /**
     * Base64 of the 32-byte AES key that encrypts tenants' signing secrets at rest (env
     * {@code TRUNKLINE_GATEWAY_WEBHOOK_KEY}). Unset: a fixed development key, with a warning in prod mode.
     */
    Optional<String> encryptionKey();

    /**
     * Whether webhooks and status callbacks may go to loopback, private, link-local and other non-public addresses
     * (env {@code TRUNKLINE_GATEWAY_WEBHOOK_ALLOW_PRIVATE}). Off in deployments; on in local runs and tests, whose
     * receivers are on the same machine.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /**
     * A PKCS#12 trust store of the certificates (or CAs) that {@code https} receivers may present, in place of the
     * JDK's CA certificates: for receivers behind a private CA (env {@code TRUNKLINE_GATEWAY_WEBHOOKS_TRUST_STORE}).
     * Unset: the JDK's. Either way the certificate must name the URL's host.
     */
    Optional<String> trustStore();

    /** The trust store's password (env {@code TRUNKLINE_GATEWAY_WEBHOOKS_TRUST_STORE_PASSWORD}). */
    Optional<String> trustStorePassword();
}
