-- Contact lists of a tenant (broadcast audiences, JOIN/STOP subscriptions, e-mail-to-SMS lists <name>@domain).
-- contact.fields: JSON object of per-contact template fields ({"first_name":"Ann"}).
CREATE TABLE contact_list (
    id          VARCHAR(36)   NOT NULL,
    tenant_id   VARCHAR(36)   NOT NULL,
    name        VARCHAR(100)  NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    updated_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_contact_list_tenant_name (tenant_id, name),
    CONSTRAINT fk_contact_list_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE contact (
    id          VARCHAR(36)   NOT NULL,
    list_id     VARCHAR(36)   NOT NULL,
    tenant_id   VARCHAR(36)   NOT NULL,
    number      VARCHAR(16)   NOT NULL,
    fields      TEXT          NULL,
    created_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_contact_list_number (list_id, number),
    KEY ix_contact_tenant_number (tenant_id, number),
    CONSTRAINT fk_contact_list FOREIGN KEY (list_id) REFERENCES contact_list (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
