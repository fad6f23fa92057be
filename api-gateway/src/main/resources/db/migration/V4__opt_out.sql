-- Numbers that opted out of a tenant's messages (STOP, UNSUBSCRIBE and their equivalents, or the operator/tenant API).
-- Sending to them is refused and broadcasts skip them. number: E.164.
CREATE TABLE opt_out (
    tenant_id      VARCHAR(36)  NOT NULL,
    number         VARCHAR(16)  NOT NULL,
    source         VARCHAR(64)  NOT NULL,
    opted_out_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (tenant_id, number),
    CONSTRAINT fk_opt_out_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
