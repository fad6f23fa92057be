package io.trunkline.gateway.voice;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.trunkline.platform.rest.Problem;

/** {@link VoiceUnavailableException} as {@code 503 application/problem+json} with a {@code Retry-After}. */
public class VoiceProblems {
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response unavailable(VoiceUnavailableException e) {
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(Problem.of(503, "voice-unavailable", "Voice unavailable", e.getMessage()))
                .build();
    }
}
