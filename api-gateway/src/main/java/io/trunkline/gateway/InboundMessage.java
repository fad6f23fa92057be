package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.trunkline.events.SmsEncoding;

/** A received message as stored: matched to a tenant (and app), or unmatched (tenant null) for the operator. */
@Entity
@Table(name = "inbound_message")
public class InboundMessage {
    @Id
    public String id;

    /** The event's {@code inboundId}. */
    @Column(name = "inbound_id", nullable = false)
    public String inboundId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "number_id")
    public String numberId;

    @Column(name = "app_id")
    public String appId;

    /** E.164 of the handset, or an e-mail address for e-mail-to-SMS. */
    @Column(nullable = false)
    public String sender;

    /** The receiving number as received, or {@code +<number>} / {@code list:<name>} for e-mail-to-SMS. */
    @Column(nullable = false)
    public String recipient;

    /** The matched keyword (upper case), null when none matched. */
    public String keyword;

    @Column(nullable = false, columnDefinition = "TEXT")
    public String text;

    @Enumerated(EnumType.STRING)
    public SmsEncoding encoding;

    @Column(nullable = false)
    public int segments;

    @Column(nullable = false)
    public String channel;

    @Column(name = "channel_ref")
    public String channelRef;

    /** What the gateway did with it, for the tenant and the operator (e.g. {@code collect: stored}). */
    public String outcome;

    @Column(name = "received_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant receivedAt;

    @Column(name = "stored_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant storedAt;
}
