package io.trunkline.platform.rest;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code Authorization: Bearer <operator token>} on every {@link OperatorOnly} resource of any service; a 401 problem
 * otherwise, before the resource (or anything it trusts, such as voice's tenant header) is looked at. The service's
 * {@link OperatorCredential} is looked up on first use: filters are built before config mappings can be read.
 */
@Provider
@OperatorOnly
@Priority(Priorities.AUTHENTICATION)
public class OperatorAuthFilter implements ContainerRequestFilter {
    private final Instance<OperatorCredential> credential;

    public OperatorAuthFilter(Instance<OperatorCredential> credential) {
        this.credential = credential;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Response refusal = credential.get().refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refusal != null) {
            request.abortWith(refusal);
        }
    }
}
