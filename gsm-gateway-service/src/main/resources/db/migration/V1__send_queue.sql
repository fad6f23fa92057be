-- Messages routed to the GSM modem pool, waiting for a port. The modem driver (issue 6) drains it.
CREATE TABLE gsm_outbound (
    message_id   VARCHAR(64)  NOT NULL,
    tenant_id    VARCHAR(64)  NOT NULL,
    sender       VARCHAR(32)  NOT NULL,
    destination  VARCHAR(32)  NOT NULL,
    body         TEXT         NOT NULL,
    encoding     VARCHAR(8)   NOT NULL,
    segments     INT          NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    port         VARCHAR(64),
    accepted_at  TIMESTAMP(3) NOT NULL,
    queued_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (message_id),
    KEY ix_gsm_outbound_state (state, queued_at)
);
