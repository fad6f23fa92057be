package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One number on a contact list, with its template fields. */
@Entity
@Table(name = "contact")
public class Contact {
    @Id
    public String id;

    @Column(name = "list_id", nullable = false)
    public String listId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** E.164. */
    @Column(nullable = false)
    public String number;

    /** JSON object of template fields, e.g. {@code {"first_name":"Ann"}}; null when none. */
    @Column(columnDefinition = "TEXT")
    public String fields;

    @Column(name = "created_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant createdAt;
}
