-- Messages routed to an SMPP carrier. A row is the send queue entry and then the message's channel state:
-- QUEUED -> SUBMITTING (claimed by a sender) -> SENT / FAILED / UNKNOWN / EXPIRED -> DELIVERED / UNDELIVERED / ...
-- The primary key is also the de-duplication by message id: a message is inserted, and so submitted, once.
CREATE TABLE relay_message (
    message_id      VARCHAR(64)   NOT NULL,
    tenant_id       VARCHAR(64)   NOT NULL,
    carrier         VARCHAR(64)   NOT NULL,
    sender          VARCHAR(32)   NOT NULL,
    destination     VARCHAR(32)   NOT NULL,
    body            TEXT          NOT NULL,
    encoding        VARCHAR(8)    NOT NULL,
    segments        INT           NOT NULL,
    delivery_report BOOLEAN       NOT NULL,
    valid_until     DATETIME(3)   NULL,
    state           VARCHAR(16)   NOT NULL,
    parts_total     INT           NULL,
    first_part_id   VARCHAR(65)   NULL,
    claim_token     VARCHAR(36)   NULL,
    claimed_at      TIMESTAMP(3)  NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    error_code      VARCHAR(32)   NULL,
    reason          VARCHAR(255)  NULL,
    accepted_at     TIMESTAMP(3)  NOT NULL,
    queued_at       TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    submitted_at    TIMESTAMP(3)  NULL,
    updated_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (message_id),
    KEY ix_relay_message_queue (carrier, state, queued_at),
    KEY ix_relay_message_claim (claim_token)
);

-- One row per submitted part: the carrier's message id (as answered in submit_sm_resp) and its normalised form,
-- which receipts are matched on. Not unique: carriers reuse ids over time, the newest part wins.
CREATE TABLE relay_part (
    id                  VARCHAR(36)  NOT NULL,
    carrier             VARCHAR(64)  NOT NULL,
    carrier_message_id  VARCHAR(65)  NOT NULL,
    norm_id             VARCHAR(80)  NOT NULL,
    message_id          VARCHAR(64)  NOT NULL,
    tenant_id           VARCHAR(64)  NOT NULL,
    part_no             INT          NOT NULL,
    state               VARCHAR(16)  NOT NULL,
    error_code          VARCHAR(16)  NULL,
    submitted_at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    receipt_at          TIMESTAMP(3) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_relay_part_message (message_id, part_no),
    KEY ix_relay_part_lookup (carrier, norm_id)
);

-- Receipts whose id matched no part (yet): kept, logged, and matched again when parts are recorded and periodically.
CREATE TABLE relay_orphan_receipt (
    id                   VARCHAR(36)   NOT NULL,
    carrier              VARCHAR(64)   NOT NULL,
    receipt_id           VARCHAR(80)   NULL,
    candidate_ids        VARCHAR(400)  NOT NULL,
    stat                 VARCHAR(16)   NULL,
    error_code           VARCHAR(16)   NULL,
    body                 VARCHAR(1000) NULL,
    received_at          TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    resolved_at          TIMESTAMP(3)  NULL,
    resolved_message_id  VARCHAR(64)   NULL,
    PRIMARY KEY (id),
    KEY ix_relay_orphan_open (carrier, resolved_at, received_at)
);
