package io.trunkline.gateway.billing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the gateway reaches billing-service ({@code trunkline.gateway.billing-*}); beside {@code GatewayConfig} under the
 * same prefix, kept with the feature that uses it. Environment names are in application.properties.
 */
@ConfigMapping(prefix = "trunkline.gateway")
public interface BillingClientConfig {

    /** Base URL of billing-service (env {@code TRUNKLINE_BILLING_URL}); its ops API is called with the operator token. */
    @WithDefault("http://localhost:8084")
    String billingUrl();

    /** Connect and read timeout of each call to billing; past it the tenant gets {@code 503 billing-unavailable}. */
    @WithDefault("3s")
    Duration billingTimeout();
}
