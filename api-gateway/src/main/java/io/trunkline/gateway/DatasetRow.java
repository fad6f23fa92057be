package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One parsed submission of a collect app, per sender. */
@Entity
@Table(name = "dataset_row")
public class DatasetRow {
    @Id
    public String id;

    @Column(name = "app_id", nullable = false)
    public String appId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String sender;

    @Column(name = "inbound_message_id", nullable = false)
    public String inboundMessageId;

    /** JSON object of the pattern's fields. */
    @Column(nullable = false, columnDefinition = "TEXT")
    public String fields;

    @Column(name = "created_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant createdAt;
}
