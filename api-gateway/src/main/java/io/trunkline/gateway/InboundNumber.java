package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A receiving number the operator assigned: exclusive to one tenant, or shared by keyword. */
@Entity
@Table(name = "inbound_number")
public class InboundNumber {
    public enum Kind {
        SIM, LONG_NUMBER, SHORT_CODE
    }

    @Id
    public String id;

    /** E.164 ({@code +61...}) or short code digits. */
    @Column(nullable = false)
    public String number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** The exclusive owner; null = shared by keyword. */
    @Column(name = "tenant_id")
    public String tenantId;

    /** The app that takes a message no keyword matched (set by the operator); null = none. */
    @Column(name = "default_app_id")
    public String defaultAppId;

    public String description;

    @Column(name = "created_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant updatedAt;

    public boolean shared() {
        return tenantId == null;
    }
}
