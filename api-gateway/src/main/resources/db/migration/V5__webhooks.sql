-- Webhooks to tenants (docs/webhooks.md). webhook_settings: a tenant's default URL per kind and its signing secret,
-- AES-256-GCM encrypted under trunkline.gateway.webhooks.encryption-key (HMAC signing needs the secret itself, so it
-- cannot be stored as a hash). webhook_delivery: one body to one URL, written in the transaction of the change it
-- reports; the dispatcher claims due rows with SELECT ... FOR UPDATE SKIP LOCKED. host = the URL's host:port, so a
-- claim can skip hosts that already have their share of requests in flight. webhook_attempt: one HTTP try.
CREATE TABLE webhook_settings (
    tenant_id            VARCHAR(36)   NOT NULL,
    message_status_url   VARCHAR(2048) NULL,
    inbound_message_url  VARCHAR(2048) NULL,
    call_status_url      VARCHAR(2048) NULL,
    verification_url     VARCHAR(2048) NULL,
    secret_enc           VARCHAR(255)  NULL,
    secret_created_at    DATETIME(3)   NULL,
    created_at           DATETIME(3)   NOT NULL,
    updated_at           DATETIME(3)   NOT NULL,
    PRIMARY KEY (tenant_id),
    CONSTRAINT fk_webhook_settings_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE webhook_delivery (
    id                VARCHAR(36)   NOT NULL,
    tenant_id         VARCHAR(36)   NOT NULL,
    kind              VARCHAR(32)   NOT NULL,
    event_type        VARCHAR(64)   NOT NULL,
    url               VARCHAR(2048) NOT NULL,
    host              VARCHAR(300)  NOT NULL,
    body              MEDIUMTEXT    NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    attempts          INT           NOT NULL,
    next_attempt_at   DATETIME(3)   NULL,
    last_http_status  INT           NULL,
    last_error        VARCHAR(512)  NULL,
    replay_of         VARCHAR(36)   NULL,
    created_at        DATETIME(3)   NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    finished_at       DATETIME(3)   NULL,
    PRIMARY KEY (id),
    KEY ix_webhook_delivery_due (status, next_attempt_at),
    KEY ix_webhook_delivery_tenant (tenant_id, created_at, id),
    KEY ix_webhook_delivery_tenant_status (tenant_id, status, created_at, id),
    KEY ix_webhook_delivery_created (created_at),
    CONSTRAINT fk_webhook_delivery_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE webhook_attempt (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    delivery_id  VARCHAR(36)  NOT NULL,
    attempt      INT          NOT NULL,
    started_at   DATETIME(3)  NOT NULL,
    duration_ms  BIGINT       NOT NULL,
    http_status  INT          NULL,
    error        VARCHAR(512) NULL,
    PRIMARY KEY (id),
    KEY ix_webhook_attempt_delivery (delivery_id, attempt),
    CONSTRAINT fk_webhook_attempt_delivery FOREIGN KEY (delivery_id) REFERENCES webhook_delivery (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
