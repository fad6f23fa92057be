-- Broadcasts (POST /v1/broadcasts): one text or template to many recipients, dispatched in paced batches by
-- BroadcastDispatcher. Times are DATETIME(3) in UTC, written as text by UtcMillis.
-- status: queued | sending | completed | canceled. body: the text, or the template when is_template.
CREATE TABLE broadcast (
    id               VARCHAR(36)   NOT NULL,
    tenant_id        VARCHAR(36)   NOT NULL,
    sender           VARCHAR(16)   NOT NULL,
    body             TEXT          NOT NULL,
    is_template      BOOLEAN       NOT NULL,
    contact_list_id  VARCHAR(36)   NULL,
    reference        VARCHAR(255)  NULL,
    status_callback  VARCHAR(2048) NULL,
    status           VARCHAR(16)   NOT NULL,
    total            INT           NOT NULL,
    invalid_count    INT           NOT NULL,
    duplicate_count  INT           NOT NULL,
    opted_out_count  INT           NOT NULL,
    hold_reason      VARCHAR(255)  NULL,
    idempotency_key  VARCHAR(255)  NULL,
    request_hash     CHAR(64)      NULL,
    send_at          DATETIME(3)   NULL,
    created_at       DATETIME(3)   NOT NULL,
    updated_at       DATETIME(3)   NOT NULL,
    completed_at     DATETIME(3)   NULL,
    canceled_at      DATETIME(3)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_broadcast_idempotency (tenant_id, idempotency_key),
    KEY ix_broadcast_tenant_created (tenant_id, created_at, id),
    KEY ix_broadcast_due (status, send_at, created_at),
    CONSTRAINT fk_broadcast_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per dispatchable recipient, numbered by its row in the request (1-based).
-- state: pending | dispatched | rejected (refused at dispatch, see broadcast_error) | canceled.
-- body: the rendered text of a template broadcast (null = the broadcast's text). message_id is written in the same
-- transaction that stores the message and its SmsAccepted, so a recipient is dispatched exactly once.
CREATE TABLE broadcast_recipient (
    broadcast_id  VARCHAR(36)  NOT NULL,
    row_no        INT          NOT NULL,
    number        VARCHAR(16)  NOT NULL,
    body          TEXT         NULL,
    state         VARCHAR(16)  NOT NULL,
    message_id    VARCHAR(36)  NULL,
    PRIMARY KEY (broadcast_id, row_no),
    KEY ix_broadcast_recipient_state (broadcast_id, state, row_no),
    CONSTRAINT fk_broadcast_recipient FOREIGN KEY (broadcast_id) REFERENCES broadcast (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The per-row report of a broadcast: rows that were not dispatched, and why.
-- code: invalid_number | duplicate | opted_out | missing_field | invalid_text | rejected.
CREATE TABLE broadcast_error (
    broadcast_id  VARCHAR(36)   NOT NULL,
    row_no        INT           NOT NULL,
    value         VARCHAR(255)  NULL,
    code          VARCHAR(32)   NOT NULL,
    reason        VARCHAR(512)  NOT NULL,
    PRIMARY KEY (broadcast_id, row_no),
    CONSTRAINT fk_broadcast_error FOREIGN KEY (broadcast_id) REFERENCES broadcast (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
