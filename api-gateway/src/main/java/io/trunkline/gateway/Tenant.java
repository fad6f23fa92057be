package io.trunkline.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.BatchSize;

/** A retail provider reselling the platform; everything a tenant's API keys reach is scoped to it. */
@Entity
@Table(name = "tenant")
public class Tenant {
    public enum Status {
        ACTIVE, SUSPENDED
    }

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** ISO 3166-1 alpha-2 region a national (non-E.164) destination number is read in. */
    @Column(name = "default_region", nullable = false)
    public String defaultRegion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Alphanumeric sender ids (and numbers) the tenant may send from, in the order the operator gave them. */
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100)
    @CollectionTable(name = "tenant_sender_id", joinColumns = @JoinColumn(name = "tenant_id"))
    @OrderColumn(name = "position")
    @Column(name = "sender_id", nullable = false)
    public List<String> senderIds = new ArrayList<>();

    @Convert(converter = UtcMillis.class)
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
