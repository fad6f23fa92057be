package io.trunkline.gateway.rest;

import jakarta.enterprise.context.RequestScoped;

import io.trunkline.gateway.TenantPrincipal;

/** The tenant the request's API key belongs to, set by {@link TenantAuthFilter}. */
@RequestScoped
public class CurrentTenant {
    private TenantPrincipal tenant;

    /**
     * This request's instance itself, not the proxy: a filter that finishes on a worker thread (the request scope is
     * not active in its callback) sets the tenant on it directly.
     */
    CurrentTenant instance() {
        return this;
    }

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
