package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's named list of numbers: a broadcast audience, a JOIN/STOP subscription, an e-mail-to-SMS list. */
@Entity
@Table(name = "contact_list")
public class ContactList {
    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** Unique per tenant; also the local part of e-mail-to-SMS list addresses. */
    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant updatedAt;
}
