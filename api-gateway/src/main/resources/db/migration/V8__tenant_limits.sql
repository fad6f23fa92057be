-- Per-tenant admission limits set by the operator (PUT /v1/operator/tenants/{id}/limits). A tenant without a row
-- gets the configured default (trunkline.gateway.rate-limit.*). Kept out of `tenant` so that the limit work does not
-- touch the tenant table other features change.
CREATE TABLE tenant_limit (
    tenant_id            VARCHAR(36)  NOT NULL,
    messages_per_second  INT          NOT NULL,
    burst                INT          NOT NULL,
    updated_at           DATETIME(3)  NOT NULL,
    PRIMARY KEY (tenant_id),
    CONSTRAINT fk_tenant_limit_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
