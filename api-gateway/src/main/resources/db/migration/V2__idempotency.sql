-- Idempotency-Key of POST /v1/messages: the first answer per (tenant, key), written in the same transaction as the
-- message it created, so a replay can never disagree with what was stored. request_hash: hex SHA-256 of the
-- canonical request body. Rows older than trunkline.gateway.idempotency-retention (at least 24 h) are purged.
CREATE TABLE idempotency_key (
    id                 VARCHAR(36)  NOT NULL,
    tenant_id          VARCHAR(36)  NOT NULL,
    idem_key           VARCHAR(255) NOT NULL,
    request_hash       CHAR(64)     NOT NULL,
    state              VARCHAR(16)  NOT NULL,
    response_status    INT          NULL,
    response_location  VARCHAR(255) NULL,
    response_body      MEDIUMTEXT   NULL,
    message_id         VARCHAR(36)  NULL,
    created_at         DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_idempotency_tenant_key (tenant_id, idem_key),
    KEY ix_idempotency_created (created_at)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
