-- billing-service: the rating engine. Rate plans (sell plans and carrier buy cards) with their rates, tenants' plans,
-- FX, once-off and recurring charges, invoices and alert targets. Money is DECIMAL, never FLOAT.

-- A sell plan (assigned to tenants) or a carrier's buy card. version goes up with every change of its rates.
CREATE TABLE rate_plan (
    id             VARCHAR(64)   NOT NULL,
    kind           VARCHAR(8)    NOT NULL,
    carrier        VARCHAR(128)  NULL,
    currency       CHAR(3)       NOT NULL,
    failed_policy  VARCHAR(16)   NOT NULL DEFAULT 'not-billed',
    description    VARCHAR(255)  NULL,
    rate_count     INT           NOT NULL DEFAULT 0,
    version        BIGINT        NOT NULL DEFAULT 0,
    created_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    -- one buy card per carrier (sell plans have no carrier)
    UNIQUE KEY uk_rate_plan_carrier (carrier)
);

-- Effective dates are epoch seconds (UTC): no time-zone or fractional-second conversion on the way in or out.
CREATE TABLE rate (
    plan_id         VARCHAR(64)   NOT NULL,
    prefix          VARCHAR(24)   NOT NULL,
    service         VARCHAR(16)   NOT NULL,
    effective_from  BIGINT        NOT NULL,
    effective_to    BIGINT        NULL,
    destination     VARCHAR(128)  NULL,
    currency        CHAR(3)       NOT NULL,
    price           DECIMAL(19,8) NOT NULL,
    connect_fee     DECIMAL(19,8) NOT NULL DEFAULT 0,
    initial_block   INT           NOT NULL DEFAULT 60,
    increment_s     INT           NOT NULL DEFAULT 60,
    minimum_charge  DECIMAL(19,8) NOT NULL DEFAULT 0,
    rounding        VARCHAR(16)   NOT NULL DEFAULT 'half-up',
    PRIMARY KEY (plan_id, prefix, service, effective_from),
    CONSTRAINT fk_rate_plan FOREIGN KEY (plan_id) REFERENCES rate_plan (id) ON DELETE CASCADE
);

-- The sell plan each tenant is rated with; a tenant without one is rated by the flat default plan (config).
CREATE TABLE tenant_plan (
    tenant_id    VARCHAR(64)   NOT NULL,
    plan_id      VARCHAR(64)   NOT NULL,
    assigned_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (tenant_id),
    CONSTRAINT fk_tenant_plan FOREIGN KEY (plan_id) REFERENCES rate_plan (id)
);

-- 1 unit of currency_from = rate units of currency_to.
CREATE TABLE fx_rate (
    currency_from  CHAR(3)        NOT NULL,
    currency_to    CHAR(3)        NOT NULL,
    rate           DECIMAL(19,10) NOT NULL,
    updated_at     TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (currency_from, currency_to)
);

-- Bumped (in the same transaction) by every change of plans, rates, tenants' plans or FX; each replica polls it and
-- reloads its in-memory tries when it moved.
CREATE TABLE rating_version (
    id       INT     NOT NULL,
    version  BIGINT  NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO rating_version (id, version) VALUES (1, 0);

-- What rating used, for each CDR: the matched rate, the FX rate to the account's currency, and the buy side.
ALTER TABLE rated_cdr
    ADD COLUMN rate_prefix       VARCHAR(24)    NULL,
    ADD COLUMN rate_destination  VARCHAR(128)   NULL,
    ADD COLUMN billed_seconds    BIGINT         NULL,
    ADD COLUMN rate_currency     CHAR(3)        NULL,
    ADD COLUMN rate_amount       DECIMAL(19,4)  NULL,
    ADD COLUMN fx_rate           DECIMAL(19,10) NULL,
    ADD COLUMN buy_plan          VARCHAR(64)    NULL,
    ADD COLUMN buy_prefix        VARCHAR(24)    NULL,
    ADD COLUMN buy_currency      CHAR(3)        NULL,
    ADD COLUMN buy_amount        DECIMAL(19,4)  NULL,
    ADD COLUMN buy_fx_rate       DECIMAL(19,10) NULL,
    ADD COLUMN buy_cost          DECIMAL(19,4)  NULL,
    ADD COLUMN margin            DECIMAL(19,4)  NULL,
    ADD KEY ix_rated_cdr_status (status, started_at);

-- Once-off and monthly charges of a tenant.
CREATE TABLE charge (
    id           VARCHAR(36)   NOT NULL,
    tenant_id    VARCHAR(64)   NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    description  VARCHAR(255)  NOT NULL,
    amount       DECIMAL(19,4) NOT NULL,
    start_date   CHAR(10)      NOT NULL,
    end_date     CHAR(10)      NULL,
    active       BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    KEY ix_charge_tenant (tenant_id),
    CONSTRAINT fk_charge_account FOREIGN KEY (tenant_id) REFERENCES account (tenant_id)
);

-- One row per charge and period applied (period: 'once' or 'YYYY-MM'): the key that makes a charge run once per
-- period across restarts and replicas. Written in the transaction that debits the account.
CREATE TABLE charge_run (
    charge_id        VARCHAR(36)   NOT NULL,
    period           VARCHAR(16)   NOT NULL,
    tenant_id        VARCHAR(64)   NOT NULL,
    amount           DECIMAL(19,4) NOT NULL,
    currency         CHAR(3)       NOT NULL,
    ledger_entry_id  VARCHAR(36)   NOT NULL,
    applied_at       TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (charge_id, period),
    KEY ix_charge_run_tenant (tenant_id, applied_at),
    CONSTRAINT fk_charge_run_charge FOREIGN KEY (charge_id) REFERENCES charge (id)
);

-- Invoices: one per tenant and month; draft (regenerated on demand) then final (numbered, never changed).
CREATE TABLE invoice (
    id            VARCHAR(36)   NOT NULL,
    tenant_id     VARCHAR(64)   NOT NULL,
    period        CHAR(7)       NOT NULL,
    status        VARCHAR(8)    NOT NULL,
    number        VARCHAR(32)   NULL,
    currency      CHAR(3)       NOT NULL,
    usage_total   DECIMAL(19,4) NOT NULL,
    charges_total DECIMAL(19,4) NOT NULL,
    total         DECIMAL(19,4) NOT NULL,
    generated_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    finalized_at  TIMESTAMP(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_invoice_period (tenant_id, period),
    UNIQUE KEY uk_invoice_number (number)
);

CREATE TABLE invoice_line (
    invoice_id   VARCHAR(36)   NOT NULL,
    line_no      INT           NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    service      VARCHAR(16)   NULL,
    destination  VARCHAR(128)  NULL,
    description  VARCHAR(255)  NOT NULL,
    quantity     BIGINT        NOT NULL,
    units        BIGINT        NOT NULL,
    amount       DECIMAL(19,4) NOT NULL,
    PRIMARY KEY (invoice_id, line_no),
    CONSTRAINT fk_invoice_line FOREIGN KEY (invoice_id) REFERENCES invoice (id) ON DELETE CASCADE
);

-- Gap-free invoice numbers: taken under this row's lock in the finalising transaction (a rollback gives it back).
CREATE TABLE invoice_counter (
    id           INT     NOT NULL,
    last_number  BIGINT  NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO invoice_counter (id, last_number) VALUES (1, 0);

-- Where a tenant's low-balance alerts go: a webhook (HMAC-SHA256 signed) and/or an e-mail address.
CREATE TABLE alert_target (
    tenant_id       VARCHAR(64)   NOT NULL,
    webhook_url     VARCHAR(500)  NULL,
    webhook_secret  VARCHAR(128)  NULL,
    email           VARCHAR(255)  NULL,
    updated_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (tenant_id)
);

ALTER TABLE balance_alert
    ADD COLUMN delivery         VARCHAR(16)   NOT NULL DEFAULT 'pending',
    ADD COLUMN attempts         INT           NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at  BIGINT        NOT NULL DEFAULT 0,
    ADD COLUMN last_error       VARCHAR(500)  NULL,
    ADD KEY ix_balance_alert_delivery (delivery, next_attempt_at);
