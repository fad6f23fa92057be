package io.trunkline.gateway.voice;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the gateway reaches voice-service's tenant API ({@code trunkline.gateway.voice.*}). Environment names are in
 * application.properties; the operator token sent with every call is {@code trunkline.gateway.operator-token}.
 */
@ConfigMapping(prefix = "trunkline.gateway.voice")
public interface VoiceClientConfig {

    /** Base URL of voice-service (env {@code TRUNKLINE_VOICE_URL}); only the gateway should be able to reach it. */
    @WithDefault("http://localhost:8082")
    String url();

    /** Connect and read timeout of each call to voice; past it the tenant gets {@code 503 voice-unavailable}. */
    @WithDefault("3s")
    Duration timeout();
}
