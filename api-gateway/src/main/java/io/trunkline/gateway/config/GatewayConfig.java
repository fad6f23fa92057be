package io.trunkline.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** api-gateway settings ({@code trunkline.gateway.*}); the environment names are in application.properties. */
@ConfigMapping(prefix = "trunkline.gateway")
public interface GatewayConfig {

    /**
     * Bearer token of the operator API {@code /v1/operator/**} (env {@code TRUNKLINE_OPERATOR_TOKEN}). The default is
     * for local runs only; a production deployment must set its own.
     */
    @WithDefault("dev-operator-token")
    String operatorToken();

    /**
     * The route a message takes when no operator routing rule matches, or when an {@code lcr} rule gets no answer from
     * billing (env {@code TRUNKLINE_GATEWAY_DEFAULT_ROUTE}): {@code <channel>[:<link>]}, e.g. {@code smpp:sandbox}, {@code gsm}.
     */
    @WithDefault("smpp:sandbox")
    String defaultRoute();

    /** Most parts one message may be split into; longer texts are refused (env {@code TRUNKLINE_GATEWAY_MAX_SEGMENTS}). */
    @WithDefault("10")
    int maxSegments();

    /** Longest validity a message may ask for, in the request's {@code validity} seconds. */
    @WithDefault("P7D")
    Duration maxValidity();

    /** An API key's {@code lastUsedAt} is written at most this often, so that requests do not all write. */
    @WithDefault("1m")
    Duration keyTouchInterval();

    /** Largest {@code size} of a list page. */
    @WithDefault("100")
    int maxPageSize();

    /**
     * How long an {@code Idempotency-Key} and its first answer are kept; never less than 24 h (a shorter value is
     * raised to 24 h).
     */
    @WithDefault("24h")
    Duration idempotencyRetention();

    /** How often keys past their retention are deleted (read by the scheduler of {@code IdempotencyService}). */
    @WithDefault("1h")
    String idempotencyPurgeEvery();
}
