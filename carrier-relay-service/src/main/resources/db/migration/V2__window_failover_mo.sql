-- Failover: how often a queued message was moved to another carrier, and the carrier it was first routed to.
-- route: the message's route as accepted (an e-mail route names the address: email:<address>).
ALTER TABLE relay_message
    ADD COLUMN failovers        INT          NOT NULL DEFAULT 0,
    ADD COLUMN original_carrier VARCHAR(64)  NULL,
    ADD COLUMN route            VARCHAR(320) NULL;

-- The expiry sweep looks for SENT / UNKNOWN messages per carrier.
CREATE INDEX ix_relay_message_open ON relay_message (carrier, state, valid_until);

-- Concatenated MO: one row per group being reassembled (its row lock serialises the parts of one group) and one
-- row per part received. Both survive a restart; the group is deleted when the message is published.
CREATE TABLE relay_mo_group (
    group_key    VARCHAR(200) NOT NULL,
    carrier      VARCHAR(64)  NOT NULL,
    source_addr  VARCHAR(32)  NOT NULL,
    dest_addr    VARCHAR(32)  NOT NULL,
    total        INT          NOT NULL,
    first_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (group_key)
);

CREATE TABLE relay_mo_part (
    group_key    VARCHAR(200) NOT NULL,
    seq          INT          NOT NULL,
    body         TEXT         NOT NULL,
    encoding     VARCHAR(8)   NOT NULL,
    received_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (group_key, seq)
);
