package io.trunkline.portal.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.trunkline.platform.rest.OperatorCredential;

/** This service's operator token for {@code io.trunkline.platform.rest.OperatorAuthFilter}. */
@ApplicationScoped
public class OperatorCredentialProducer {

    @Produces
    @Singleton
    OperatorCredential operatorCredential(PortalConfig config) {
        return new OperatorCredential(config.operatorToken(), "trunkline.portal.operator-token", "trunkline-operator",
                "an operator bearer token is required (Authorization: Bearer <token>)");
    }
}
