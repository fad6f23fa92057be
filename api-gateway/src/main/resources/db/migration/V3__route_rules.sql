-- Operator routing rules (/v1/operator/routes). prefix: destination digits without '+' ('' = every destination);
-- tenant_id NULL = global. The longest matching prefix wins, then a tenant's rule over a global one, then the higher
-- priority, then the oldest rule.
CREATE TABLE route_rule (
    id          VARCHAR(36)  NOT NULL,
    tenant_id   VARCHAR(36)  NULL,
    prefix      VARCHAR(15)  NOT NULL,
    route       VARCHAR(64)  NOT NULL,
    priority    INT          NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_route_rule_prefix (prefix),
    CONSTRAINT fk_route_rule_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
