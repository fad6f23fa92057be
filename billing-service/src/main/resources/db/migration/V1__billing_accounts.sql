-- billing-service: accounts, their ledger, rated CDRs and balance alerts. Money is DECIMAL(19,4), never FLOAT.
-- Accounts change only through atomic UPDATEs (balance = balance + ?, version = version + 1), see AccountRepository.

CREATE TABLE account (
    tenant_id              VARCHAR(64)   NOT NULL,
    currency               CHAR(3)       NOT NULL DEFAULT 'USD',
    balance                DECIMAL(19,4) NOT NULL DEFAULT 0,
    credit_limit           DECIMAL(19,4) NOT NULL DEFAULT 0,
    prepaid                BOOLEAN       NOT NULL DEFAULT TRUE,
    blocked                BOOLEAN       NOT NULL DEFAULT FALSE,
    low_balance_threshold  DECIMAL(19,4) NULL,
    version                BIGINT        NOT NULL DEFAULT 0,
    created_at             TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at             TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (tenant_id),
    CONSTRAINT ck_account_credit_limit CHECK (credit_limit >= 0)
);

-- Audit trail: one row per change (top-up, adjustment, charge, settings), with the balance after it.
CREATE TABLE ledger_entry (
    id               VARCHAR(36)   NOT NULL,
    tenant_id        VARCHAR(64)   NOT NULL,
    account_version  BIGINT        NOT NULL,
    entry_type       VARCHAR(16)   NOT NULL,
    amount           DECIMAL(19,4) NOT NULL,
    currency         CHAR(3)       NOT NULL,
    balance_after    DECIMAL(19,4) NOT NULL,
    reference        VARCHAR(128)  NULL,
    actor            VARCHAR(128)  NOT NULL,
    note             VARCHAR(500)  NULL,
    created_at       TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_ledger_version (tenant_id, account_version),
    -- top-ups and adjustments are idempotent on their reference; a charge's reference is its CDR id
    UNIQUE KEY uk_ledger_reference (tenant_id, entry_type, reference),
    CONSTRAINT fk_ledger_account FOREIGN KEY (tenant_id) REFERENCES account (tenant_id)
);

-- Every CDR received, rated or not; the primary key on cdr_id charges each CDR once whatever event carried it.
CREATE TABLE rated_cdr (
    cdr_id            VARCHAR(128)  NOT NULL,
    tenant_id         VARCHAR(64)   NOT NULL,
    event_id          VARCHAR(64)   NOT NULL,
    service           VARCHAR(16)   NOT NULL,
    subject_id        VARCHAR(128)  NOT NULL,
    source            VARCHAR(255)  NULL,
    destination       VARCHAR(255)  NOT NULL,
    segments          INT           NOT NULL,
    billable_seconds  BIGINT        NOT NULL,
    started_at        TIMESTAMP(3)  NOT NULL,
    answered_at       TIMESTAMP(3)  NULL,
    ended_at          TIMESTAMP(3)  NULL,
    channel           VARCHAR(64)   NOT NULL,
    carrier           VARCHAR(128)  NULL,
    success           BOOLEAN       NOT NULL,
    hangup_cause      VARCHAR(128)  NULL,
    status            VARCHAR(16)   NOT NULL,
    status_reason     VARCHAR(255)  NULL,
    units             BIGINT        NOT NULL,
    unit_price        DECIMAL(19,8) NULL,
    amount            DECIMAL(19,4) NOT NULL,
    currency          CHAR(3)       NOT NULL,
    rate_plan         VARCHAR(64)   NULL,
    ledger_entry_id   VARCHAR(36)   NULL,
    rated_at          TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (cdr_id),
    KEY ix_rated_cdr_tenant_time (tenant_id, started_at),
    CONSTRAINT fk_rated_cdr_account FOREIGN KEY (tenant_id) REFERENCES account (tenant_id)
);

-- Low-balance alerts; delivery (webhook, e-mail) comes with the billing engine and sets notified_at.
CREATE TABLE balance_alert (
    id               VARCHAR(36)   NOT NULL,
    tenant_id        VARCHAR(64)   NOT NULL,
    kind             VARCHAR(32)   NOT NULL,
    balance          DECIMAL(19,4) NOT NULL,
    threshold        DECIMAL(19,4) NOT NULL,
    currency         CHAR(3)       NOT NULL,
    ledger_entry_id  VARCHAR(36)   NULL,
    created_at       TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    notified_at      TIMESTAMP(3)  NULL,
    PRIMARY KEY (id),
    KEY ix_balance_alert_tenant (tenant_id, created_at),
    KEY ix_balance_alert_pending (notified_at),
    CONSTRAINT fk_balance_alert_account FOREIGN KEY (tenant_id) REFERENCES account (tenant_id)
);
