package io.trunkline.gateway.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.trunkline.gateway.service.VerificationRateLimitedException;
import io.trunkline.platform.rest.Problem;

/** {@link VerificationRateLimitedException} as {@code 429 application/problem+json} with a {@code Retry-After}. */
public class VerificationProblems {

    @ServerExceptionMapper
    public Response rateLimited(VerificationRateLimitedException e) {
        return Response.status(429)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .entity(e.problem())
                .build();
    }
}
