-- The voice engine: what became of a call (reason, trunk), each dialled leg (one CDR each), the call's timeline,
-- follow-me profiles and signed status callbacks waiting to be delivered.
ALTER TABLE call_session
    ADD COLUMN reason      VARCHAR(512) NULL,
    ADD COLUMN trunk       VARCHAR(64)  NULL,
    ADD COLUMN ended_at    TIMESTAMP(3) NULL;

-- One originated channel. leg_id is the Originate ChannelId (the channel's Uniqueid) and the CDR id.
CREATE TABLE call_leg (
    leg_id       VARCHAR(64)  NOT NULL,
    call_id      VARCHAR(64)  NOT NULL,
    tenant_id    VARCHAR(64)  NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    party        VARCHAR(32)  NOT NULL,
    attempt      INT          NOT NULL,
    trunk        VARCHAR(64)  NOT NULL,
    driver       VARCHAR(16)  NOT NULL,
    channel      VARCHAR(255) NULL,
    state        VARCHAR(16)  NOT NULL,
    outcome      VARCHAR(16)  NULL,
    hangup_cause VARCHAR(8)   NULL,
    started_at   TIMESTAMP(3) NOT NULL,
    answered_at  TIMESTAMP(3) NULL,
    ended_at     TIMESTAMP(3) NULL,
    billable_seconds BIGINT   NOT NULL DEFAULT 0,
    cdr_sent     BOOLEAN      NOT NULL DEFAULT FALSE,
    -- dialling order (timestamps are stored to the second only)
    leg_seq      BIGINT       NOT NULL AUTO_INCREMENT UNIQUE,
    PRIMARY KEY (leg_id),
    KEY ix_call_leg_call (call_id),
    KEY ix_call_leg_state (state)
);

-- The call's steps in order (what GET /v1/calls/{id} shows and call.status carried).
CREATE TABLE call_event (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    call_id      VARCHAR(64)  NOT NULL,
    status       VARCHAR(24)  NOT NULL,
    party        VARCHAR(255) NULL,
    reason       VARCHAR(512) NULL,
    occurred_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_call_event_call (call_id, id)
);

CREATE TABLE follow_me_profile (
    profile_id   VARCHAR(64)  NOT NULL,
    tenant_id    VARCHAR(64)  NOT NULL,
    name         VARCHAR(128) NOT NULL,
    mode         VARCHAR(16)  NOT NULL,
    numbers      TEXT         NOT NULL,
    ring_seconds INT          NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL,
    updated_at   TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (profile_id),
    KEY ix_follow_me_tenant (tenant_id, name)
);

CREATE TABLE status_callback (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    call_id       VARCHAR(64)   NOT NULL,
    tenant_id     VARCHAR(64)   NOT NULL,
    url           VARCHAR(2048) NOT NULL,
    body          TEXT          NOT NULL,
    attempts      INT           NOT NULL DEFAULT 0,
    state         VARCHAR(16)   NOT NULL,
    next_attempt_at TIMESTAMP(3) NOT NULL,
    last_error    VARCHAR(512)  NULL,
    PRIMARY KEY (id),
    KEY ix_status_callback_due (state, next_attempt_at)
);

-- FIFO order of waiting calls (created_at is stored to the second only).
ALTER TABLE call_session ADD COLUMN queue_seq BIGINT NOT NULL AUTO_INCREMENT UNIQUE;
