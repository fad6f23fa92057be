-- Inbound SMS (issue 8 points 1 and 2): receiving numbers, keywords, the inbound message store and the tenants'
-- apps (collect, poll, auto-reply, forward, call-back, subscribe). See docs/inbound-and-apps.md.

-- A receiving number: E.164 (SIM or long number) or short code digits. tenant_id set = exclusive to that tenant;
-- null = shared by keyword. default_app_id: the app that takes what no keyword matched (the operator's choice).
CREATE TABLE inbound_number (
    id              VARCHAR(36)   NOT NULL,
    number          VARCHAR(16)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    tenant_id       VARCHAR(36)   NULL,
    default_app_id  VARCHAR(36)   NULL,
    description     VARCHAR(255)  NULL,
    created_at      DATETIME(3)   NOT NULL,
    updated_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_inbound_number (number),
    CONSTRAINT fk_inbound_number_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A tenant's keyword on a number (upper case). Its words (the keyword itself and its aliases) are unique per number.
CREATE TABLE inbound_keyword (
    id          VARCHAR(36)  NOT NULL,
    number_id   VARCHAR(36)  NOT NULL,
    tenant_id   VARCHAR(36)  NOT NULL,
    keyword     VARCHAR(32)  NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_inbound_keyword (number_id, keyword),
    CONSTRAINT fk_inbound_keyword_number FOREIGN KEY (number_id) REFERENCES inbound_number (id),
    CONSTRAINT fk_inbound_keyword_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE inbound_keyword_alias (
    number_id   VARCHAR(36)  NOT NULL,
    word        VARCHAR(32)  NOT NULL,
    keyword_id  VARCHAR(36)  NOT NULL,
    PRIMARY KEY (number_id, word),
    CONSTRAINT fk_keyword_alias_keyword FOREIGN KEY (keyword_id) REFERENCES inbound_keyword (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A tenant's app on a number, optionally on one of its keywords there (keyword_id null = the tenant's default app of
-- an exclusive number). config: the type's JSON configuration.
CREATE TABLE inbound_app (
    id          VARCHAR(36)   NOT NULL,
    tenant_id   VARCHAR(36)   NOT NULL,
    name        VARCHAR(100)  NOT NULL,
    type        VARCHAR(16)   NOT NULL,
    number_id   VARCHAR(36)   NOT NULL,
    keyword_id  VARCHAR(36)   NULL,
    config      TEXT          NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    updated_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_inbound_app_keyword (keyword_id),
    KEY ix_inbound_app_tenant (tenant_id, created_at),
    CONSTRAINT fk_inbound_app_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_inbound_app_number FOREIGN KEY (number_id) REFERENCES inbound_number (id),
    CONSTRAINT fk_inbound_app_keyword FOREIGN KEY (keyword_id) REFERENCES inbound_keyword (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every inbound message, matched or not (tenant_id null = unmatched: the operator's catch-all).
-- sender / recipient are VARCHAR(320): e-mail-to-SMS carries an e-mail address and list:<name>.
CREATE TABLE inbound_message (
    id           VARCHAR(36)   NOT NULL,
    inbound_id   VARCHAR(64)   NOT NULL,
    tenant_id    VARCHAR(36)   NULL,
    number_id    VARCHAR(36)   NULL,
    app_id       VARCHAR(36)   NULL,
    sender       VARCHAR(320)  NOT NULL,
    recipient    VARCHAR(320)  NOT NULL,
    keyword      VARCHAR(32)   NULL,
    text         TEXT          NOT NULL,
    encoding     VARCHAR(8)    NULL,
    segments     INT           NOT NULL,
    channel      VARCHAR(32)   NOT NULL,
    channel_ref  VARCHAR(255)  NULL,
    outcome      VARCHAR(500)  NULL,
    received_at  DATETIME(3)   NOT NULL,
    stored_at    DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_inbound_message_tenant (tenant_id, received_at, id),
    KEY ix_inbound_message_received (received_at, id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A collect app's parsed submissions; fields: JSON object of the pattern's fields.
CREATE TABLE dataset_row (
    id                  VARCHAR(36)   NOT NULL,
    app_id              VARCHAR(36)   NOT NULL,
    tenant_id           VARCHAR(36)   NOT NULL,
    sender              VARCHAR(16)   NOT NULL,
    inbound_message_id  VARCHAR(36)   NOT NULL,
    fields              TEXT          NOT NULL,
    created_at          DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_dataset_row_app (app_id, created_at, id),
    CONSTRAINT fk_dataset_row_app FOREIGN KEY (app_id) REFERENCES inbound_app (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A poll's votes: one row per sender (first vote kept, or last vote wins, as the poll says).
CREATE TABLE poll_vote (
    app_id    VARCHAR(36)  NOT NULL,
    sender    VARCHAR(16)  NOT NULL,
    choice    VARCHAR(32)  NOT NULL,
    voted_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (app_id, sender),
    CONSTRAINT fk_poll_vote_app FOREIGN KEY (app_id) REFERENCES inbound_app (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Replies an app sent, for the auto-reply rate limit per sender.
CREATE TABLE app_reply (
    id          VARCHAR(36)  NOT NULL,
    app_id      VARCHAR(36)  NOT NULL,
    sender      VARCHAR(16)  NOT NULL,
    message_id  VARCHAR(36)  NOT NULL,
    sent_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_app_reply_sender (app_id, sender, sent_at),
    CONSTRAINT fk_app_reply_app FOREIGN KEY (app_id) REFERENCES inbound_app (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
