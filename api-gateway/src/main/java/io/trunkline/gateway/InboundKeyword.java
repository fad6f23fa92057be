package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's keyword on a receiving number (upper case); its aliases are {@link KeywordAlias} rows. */
@Entity
@Table(name = "inbound_keyword")
public class InboundKeyword {
    @Id
    public String id;

    @Column(name = "number_id", nullable = false)
    public String numberId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String keyword;

    @Column(name = "created_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant createdAt;
}
