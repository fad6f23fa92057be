-- Portal users: a tenant's staff (or the operator's), signing in with e-mail and password.
-- password_hash holds a self-describing hash (e.g. bcrypt "$2b$12$..." or "$argon2id$..."), never a password.
CREATE TABLE portal_user (
    id             VARCHAR(64)   NOT NULL,
    tenant_id      VARCHAR(64),
    email          VARCHAR(320)  NOT NULL,
    password_hash  VARCHAR(255)  NOT NULL,
    role           VARCHAR(32)   NOT NULL,
    created_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_portal_user_email (email),
    KEY ix_portal_user_tenant (tenant_id)
);

-- Signed-in sessions. The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE portal_session (
    id             VARCHAR(64)   NOT NULL,
    user_id        VARCHAR(64)   NOT NULL,
    token_hash     CHAR(64)      NOT NULL,
    created_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    last_seen_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    expires_at     TIMESTAMP(3)  NOT NULL,
    revoked_at     TIMESTAMP(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_portal_session_token (token_hash),
    KEY ix_portal_session_user (user_id),
    CONSTRAINT fk_portal_session_user FOREIGN KEY (user_id) REFERENCES portal_user (id) ON DELETE CASCADE
);
