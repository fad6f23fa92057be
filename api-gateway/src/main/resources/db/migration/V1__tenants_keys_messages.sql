-- api-gateway schema: tenants, their API keys, outbound messages with their status history, and the latest balance
-- billing published per tenant. Times are DATETIME(3) in UTC, written as text by UtcMillis (see there why).

CREATE TABLE tenant (
    id              VARCHAR(36)  NOT NULL,
    name            VARCHAR(100) NOT NULL,
    default_region  CHAR(2)      NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_tenant_created (created_at)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE tenant_sender_id (
    tenant_id  VARCHAR(36) NOT NULL,
    position   INT         NOT NULL,
    sender_id  VARCHAR(16) NOT NULL,
    PRIMARY KEY (tenant_id, position),
    CONSTRAINT fk_tenant_sender_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- key_hash: hex SHA-256 of the key; the key itself is never stored.
CREATE TABLE api_key (
    id            VARCHAR(36) NOT NULL,
    tenant_id     VARCHAR(36) NOT NULL,
    name          VARCHAR(64) NOT NULL,
    key_hash      CHAR(64)    NOT NULL,
    key_prefix    VARCHAR(16) NOT NULL,
    created_at    DATETIME(3) NOT NULL,
    last_used_at  DATETIME(3) NULL,
    revoked_at    DATETIME(3) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_api_key_hash (key_hash),
    KEY ix_api_key_tenant (tenant_id, created_at),
    CONSTRAINT fk_api_key_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE sms_message (
    id                  VARCHAR(36)   NOT NULL,
    tenant_id           VARCHAR(36)   NOT NULL,
    sender              VARCHAR(16)   NOT NULL,
    recipient           VARCHAR(16)   NOT NULL,
    body                TEXT          NOT NULL,
    encoding            VARCHAR(8)    NOT NULL,
    segments            INT           NOT NULL,
    route               VARCHAR(64)   NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    status_rank         INT           NOT NULL,
    reference           VARCHAR(255)  NULL,
    status_callback     VARCHAR(2048) NULL,
    valid_until         DATETIME(3)   NULL,
    channel_message_id  VARCHAR(128)  NULL,
    error_code          VARCHAR(64)   NULL,
    error_reason        VARCHAR(512)  NULL,
    created_at          DATETIME(3)   NOT NULL,
    updated_at          DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_sms_message_tenant_created (tenant_id, created_at, id),
    KEY ix_sms_message_tenant_status (tenant_id, status, created_at, id),
    CONSTRAINT fk_sms_message_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE sms_status_history (
    id                  BIGINT       NOT NULL AUTO_INCREMENT,
    message_id          VARCHAR(36)  NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    occurred_at         DATETIME(3)  NOT NULL,
    channel             VARCHAR(64)  NOT NULL,
    channel_message_id  VARCHAR(128) NULL,
    error_code          VARCHAR(64)  NULL,
    reason              VARCHAR(512) NULL,
    recorded_at         DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_sms_status_history_message (message_id, occurred_at, id),
    CONSTRAINT fk_sms_status_history_message FOREIGN KEY (message_id) REFERENCES sms_message (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Read model of billing.balances: the newest version per tenant. No foreign key: billing may know a tenant first.
CREATE TABLE tenant_balance (
    tenant_id     VARCHAR(64)    NOT NULL,
    currency      VARCHAR(16)    NOT NULL,
    balance       DECIMAL(19, 4) NOT NULL,
    credit_limit  DECIMAL(19, 4) NOT NULL,
    prepaid       BOOLEAN        NOT NULL,
    blocked       BOOLEAN        NOT NULL,
    version       BIGINT         NOT NULL,
    cause         VARCHAR(255)   NULL,
    changed_at    DATETIME(3)    NOT NULL,
    received_at   DATETIME(3)    NOT NULL,
    PRIMARY KEY (tenant_id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
