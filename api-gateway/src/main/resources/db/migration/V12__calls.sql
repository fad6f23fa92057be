-- Calls placed through the gateway (POST /v1/calls; the call itself lives in voice-service): which tenant owns the
-- call id and where its status callbacks go, so each call.status step becomes one signed webhook to the right place.
-- status_callback NULL: the tenant's default CALL_STATUS webhook. last_status: the latest step seen on call.status.
CREATE TABLE voice_call (
    call_id          VARCHAR(36)    NOT NULL,
    tenant_id        VARCHAR(36)    NOT NULL,
    kind             VARCHAR(32)    NOT NULL,
    reference        VARCHAR(255)   NULL,
    status_callback  VARCHAR(2048)  NULL,
    last_status      VARCHAR(32)    NULL,
    last_status_at   DATETIME(3)    NULL,
    created_at       DATETIME(3)    NOT NULL,
    PRIMARY KEY (call_id),
    KEY ix_voice_call_tenant (tenant_id, created_at),
    CONSTRAINT fk_voice_call_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
