-- The modem driver: claims, per-part message references for status reports, inbound parts, SIM usage, stickiness.
-- gsm_outbound.state: QUEUED, SENDING, SENT, DELIVERED, UNDELIVERED, FAILED, UNKNOWN.
-- gsm_outbound.port: while QUEUED, the port the message is kept for (sticky destination) or NULL (any port);
-- from SENDING on, the port that took it.
ALTER TABLE gsm_outbound
    ADD COLUMN delivery_report BOOLEAN      NOT NULL DEFAULT TRUE,
    ADD COLUMN valid_until     TIMESTAMP(3) NULL,
    ADD COLUMN claim_token     VARCHAR(64)  NULL,
    ADD COLUMN claimed_at      TIMESTAMP(3) NULL,
    ADD COLUMN attempts        INT          NOT NULL DEFAULT 0,
    ADD COLUMN tried_ports     VARCHAR(512) NULL,
    ADD COLUMN parts_total     INT          NULL,
    ADD COLUMN parts_on_wire   INT          NOT NULL DEFAULT 0,
    ADD COLUMN error_code      VARCHAR(32)  NULL,
    ADD COLUMN reason          VARCHAR(255) NULL,
    ADD COLUMN sent_at         TIMESTAMP(3) NULL,
    ADD COLUMN updated_at      TIMESTAMP(3) NULL,
    ADD KEY ix_gsm_outbound_port_state (port, state),
    ADD KEY ix_gsm_outbound_claim (claim_token);

-- One row per part that a modem accepted (+CMGS: <mr>); status reports are matched on (port, mr), newest first.
CREATE TABLE gsm_sent_part (
    id          VARCHAR(64)  NOT NULL,
    message_id  VARCHAR(64)  NOT NULL,
    part_no     INT          NOT NULL,
    port        VARCHAR(64)  NOT NULL,
    mr          INT          NOT NULL,
    sent_at     TIMESTAMP(3) NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    tp_status   INT          NULL,
    reported_at TIMESTAMP(3) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_gsm_sent_part (message_id, part_no),
    KEY ix_gsm_sent_part_ref (port, mr, sent_at)
);

-- Inbound messages read from the SIMs. fingerprint (port + PDU) makes a re-read after a crash a no-op; parts of a
-- concatenated message wait here (state WAITING) until all are in, also across restarts.
CREATE TABLE gsm_inbound_part (
    id          VARCHAR(64)  NOT NULL,
    fingerprint CHAR(64)     NOT NULL,
    port        VARCHAR(64)  NOT NULL,
    sender      VARCHAR(64)  NOT NULL,
    concat_key  VARCHAR(255) NULL,
    part_no     INT          NOT NULL,
    parts_total INT          NOT NULL,
    body        TEXT         NOT NULL,
    encoding    VARCHAR(8)   NOT NULL,
    sent_at     TIMESTAMP(3) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    inbound_id  VARCHAR(64)  NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY ux_gsm_inbound_fingerprint (fingerprint),
    KEY ix_gsm_inbound_concat (concat_key, state)
);

-- Parts sent per SIM per UTC day, for the daily cap.
CREATE TABLE gsm_sim_usage (
    port VARCHAR(64) NOT NULL,
    day  DATE        NOT NULL,
    sent INT         NOT NULL,
    PRIMARY KEY (port, day)
);

-- The port a destination was last sent from (sticky destinations).
CREATE TABLE gsm_destination_port (
    destination VARCHAR(32)  NOT NULL,
    port        VARCHAR(64)  NOT NULL,
    last_at     TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (destination)
);
