package io.trunkline.gateway.rest;

import jakarta.enterprise.context.RequestScoped;

import io.trunkline.gateway.TenantPrincipal;

/** The tenant the request's API key belongs to, set by {@link TenantAuthFilter}. */
@RequestScoped
public class CurrentTenant {
    private TenantPrincipal tenant;

    void set(TenantPrincipal tenant) {
        this.tenant = tenant;
    }

    public TenantPrincipal get() {
        if (tenant == null) {
            throw new IllegalStateException("no authenticated tenant: is the resource @TenantAuthenticated?");
        }
        return tenant;
    }
}
