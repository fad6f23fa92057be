package io.trunkline.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.trunkline.platform.rest.OperatorCredential;

/** This service's operator token for {@code io.trunkline.platform.rest.OperatorAuthFilter}. */
@ApplicationScoped
public class OperatorCredentialProducer {

    @Produces
    @Singleton
    OperatorCredential operatorCredential(GatewayConfig config) {
        return new OperatorCredential(config.operatorToken(), "trunkline.gateway.operator-token", "trunkline-operator",
                "the operator API needs Authorization: Bearer <operator token>");
    }
}
