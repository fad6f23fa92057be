package io.trunkline.gateway.billing;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.trunkline.platform.rest.Problem;

/** {@link BillingUnavailableException} as {@code 503 application/problem+json} with a {@code Retry-After}. */
public class BillingProblems {
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response unavailable(BillingUnavailableException e) {
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(Problem.of(503, "billing-unavailable", "Billing unavailable", e.getMessage()))
                .build();
    }
}
