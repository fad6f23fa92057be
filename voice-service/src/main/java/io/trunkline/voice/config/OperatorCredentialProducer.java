package io.trunkline.voice.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.trunkline.platform.rest.OperatorCredential;

/** This service's operator token for {@code io.trunkline.platform.rest.OperatorAuthFilter}. */
@ApplicationScoped
public class OperatorCredentialProducer {

    @Produces
    @Singleton
    OperatorCredential operatorCredential(VoiceConfig config) {
        return new OperatorCredential(config.operatorToken(), "trunkline.voice.operator-token", "trunkline-voice",
                "the operator token is required (Authorization: Bearer <token>); tenants reach this API through the api-gateway");
    }
}
