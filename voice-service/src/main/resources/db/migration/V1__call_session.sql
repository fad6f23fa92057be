-- One row per requested call (click-to-call, SMS-to-call, follow-me, speech broadcast). The call id is the
-- requester's (api-gateway's) id, so a request re-published under a new ce_id still maps to one session.
-- The Asterisk driver (its own issue) moves sessions on from QUEUED.
CREATE TABLE call_session (
    call_id          VARCHAR(64)   NOT NULL,
    tenant_id        VARCHAR(64)   NOT NULL,
    kind             VARCHAR(24)   NOT NULL,
    -- JSON arrays of E.164 numbers: agents are dialled first, customers are the other party (or the broadcast list)
    agents           TEXT          NOT NULL,
    customers        TEXT          NOT NULL,
    caller_id        VARCHAR(32),
    speech_text      TEXT,
    voice            VARCHAR(64),
    profile_id       VARCHAR(64),
    reference        VARCHAR(255),
    status_callback  VARCHAR(2048),
    deadline         TIMESTAMP(3)  NULL,
    state            VARCHAR(24)   NOT NULL,
    requested_at     TIMESTAMP(3)  NOT NULL,
    created_at       TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at       TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (call_id),
    KEY ix_call_session_tenant (tenant_id, created_at),
    KEY ix_call_session_state (state, created_at)
);
