package io.trunkline.portal.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** portal-service settings ({@code trunkline.portal.*}; environment {@code TRUNKLINE_PORTAL_*}). */
@ConfigMapping(prefix = "trunkline.portal")
public interface PortalConfig {

    /** The api-gateway the pages read from and send through ({@code TRUNKLINE_GATEWAY_URL}). */
    @WithDefault("http://localhost:8080")
    String gatewayUrl();

    /**
     * The operator token ({@code TRUNKLINE_OPERATOR_TOKEN}): the portal's ops API takes it, and the portal presents
     * it to the gateway with {@code X-Trunkline-Tenant} to act for a signed-in user's tenant.
     */
    @WithDefault("dev-operator-token")
    String operatorToken();

    /** How long the gateway may take to answer a page's call before the page says it is unavailable. */
    @WithDefault("PT10S")
    Duration gatewayTimeout();

    /** A session ends after this long without a request. */
    @WithDefault("PT30M")
    Duration sessionIdleTimeout();

    /** A session ends this long after sign-in, however active. */
    @WithDefault("PT12H")
    Duration sessionMaxAge();

    /** Whether the session cookie is {@code Secure} (HTTPS only); false only for plain-HTTP local runs. */
    @WithDefault("true")
    boolean secureCookie();

    /** Consecutive wrong passwords after which the account refuses every password for {@link #lockout()}. */
    @WithDefault("5")
    int failuresBeforeLockout();

    @WithDefault("PT15M")
    Duration lockout();

    /** The bcrypt cost of new password hashes (2^cost rounds; 12 takes about 0.25 s here). */
    @WithDefault("12")
    int bcryptCost();
}
