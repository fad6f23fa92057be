package io.trunkline.portal.rest;

import java.time.Instant;

import io.trunkline.portal.PortalUser;

/** A portal user as the ops API shows it: never the password hash. */
public record PortalUserView(String id, String email, String role, String tenantId, Instant createdAt,
        Instant lockedUntil) {

    public static PortalUserView of(PortalUser u) {
        return new PortalUserView(u.id, u.email, u.role.name(), u.tenantId, u.createdAt, u.lockedUntil);
    }
}
