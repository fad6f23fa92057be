-- Verification codes (OTP) sent by SMS or voice call. The code itself is never stored: code_hash is the hex
-- HMAC-SHA256 of "<id>:<code>" under the server's pepper (trunkline.gateway.verifications.pepper).
-- pending_to is the destination while the verification is PENDING and NULL otherwise, so the unique key allows at most
-- one pending verification per number and tenant (a new one cancels the old in the same transaction).
-- to_prefix: the first digits of the destination (E.164 without '+'), counted by the per-prefix rate limit.
CREATE TABLE verification (
    id            VARCHAR(36)   NOT NULL,
    tenant_id     VARCHAR(36)   NOT NULL,
    to_number     VARCHAR(16)   NOT NULL,
    to_prefix     VARCHAR(16)   NOT NULL,
    channel       VARCHAR(8)    NOT NULL,
    locale        VARCHAR(8)    NOT NULL,
    code_length   INT           NOT NULL,
    code_hash     CHAR(64)      NOT NULL,
    status        VARCHAR(24)   NOT NULL,
    attempts      INT           NOT NULL,
    max_attempts  INT           NOT NULL,
    sender        VARCHAR(16)   NULL,
    reference     VARCHAR(255)  NULL,
    message_id    VARCHAR(36)   NULL,
    call_id       VARCHAR(36)   NULL,
    expires_at    DATETIME(3)   NOT NULL,
    created_at    DATETIME(3)   NOT NULL,
    updated_at    DATETIME(3)   NOT NULL,
    pending_to    VARCHAR(16)   AS (CASE WHEN status = 'PENDING' THEN to_number END) STORED,
    PRIMARY KEY (id),
    UNIQUE KEY uk_verification_pending (tenant_id, pending_to),
    KEY ix_verification_tenant_to (tenant_id, to_number, created_at),
    KEY ix_verification_tenant_prefix (tenant_id, to_prefix, created_at),
    KEY ix_verification_tenant_created (tenant_id, created_at),
    KEY ix_verification_status_expiry (status, expires_at),
    CONSTRAINT fk_verification_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per tenant that has started a verification: creating one locks it (SELECT ... FOR UPDATE), so the rate
-- limits, counted from the verification table, hold for concurrent requests and across instances.
CREATE TABLE verification_tenant_lock (
    tenant_id  VARCHAR(36) NOT NULL,
    PRIMARY KEY (tenant_id),
    CONSTRAINT fk_verification_lock_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
