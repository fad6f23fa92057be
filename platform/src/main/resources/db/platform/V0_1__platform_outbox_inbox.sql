-- Shared by every service (platform module). Services number their own migrations from V1.

-- Transactional outbox: events written in the same transaction as the state they describe,
-- published to Kafka by OutboxRelay after commit. A crash between commit and publish loses nothing.
CREATE TABLE outbox_event (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    event_id      VARCHAR(64)  NOT NULL,
    topic         VARCHAR(128) NOT NULL,
    record_key    VARCHAR(255),
    ce_type       VARCHAR(128) NOT NULL,
    ce_source     VARCHAR(255) NOT NULL,
    ce_time       VARCHAR(40)  NOT NULL,
    tenant_id     VARCHAR(64),
    payload       MEDIUMTEXT   NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    published_at  TIMESTAMP(3) NULL,
    attempts      INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_outbox_event_id (event_id),
    KEY ix_outbox_pending (published_at, id)
);

-- Consumer de-duplication: one row per (consumer, ce_id) handled, written in the handler's transaction.
CREATE TABLE processed_event (
    consumer      VARCHAR(64)  NOT NULL,
    event_id      VARCHAR(64)  NOT NULL,
    processed_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (consumer, event_id)
);
