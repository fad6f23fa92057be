package io.trunkline.portal.rest;

/** A portal user to create: {@code tenantId} for a tenant's staff, absent for the operator's. */
public record PortalUserRequest(String email, String password, String role, String tenantId) {
}
