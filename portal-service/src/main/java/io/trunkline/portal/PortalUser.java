package io.trunkline.portal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Someone who signs in to the portal: a tenant's staff member, or the operator's (no tenant). */
@Entity
@Table(name = "portal_user")
public class PortalUser {
    public enum Role {
        /** The operator's staff: every tenant, read-mostly. */
        OPERATOR,
        /** Manages the tenant's users, keys and billing. */
        TENANT_ADMIN,
        /** Uses the tenant's lists, apps and logs. */
        TENANT_USER
    }

    @Id
    public String id;
    /** Null for {@link Role#OPERATOR}. */
    @Column(name = "tenant_id")
    public String tenantId;
    /** Unique across the portal, stored lower-case. */
    public String email;
    /** A self-describing password hash (bcrypt / argon2 string), never the password. */
    @Column(name = "password_hash")
    public String passwordHash;
    @Enumerated(EnumType.STRING)
    public Role role;
    @Column(name = "created_at")
    public Instant createdAt;
    /** Consecutive wrong passwords since the last sign-in. */
    @Column(name = "failed_logins")
    public int failedLogins;
    /** Until when every password is refused, after too many wrong ones; null when not locked. */
    @Column(name = "locked_until")
    public Instant lockedUntil;
}
