package io.trunkline.gateway.voice;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.trunkline.gateway.UtcMillis;

/** A call a tenant placed through the gateway: its owner and status callback (the call itself is voice-service's). */
@Entity
@Table(name = "voice_call")
public class VoiceCall {
    @Id
    @Column(name = "call_id")
    public String callId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** CLICK_TO_CALL, SMS_TO_CALL, FOLLOW_ME or SPEECH_BROADCAST. */
    @Column(nullable = false)
    public String kind;

    public String reference;

    /** Where this call's status webhooks go; null = the tenant's default CALL_STATUS URL. */
    @Column(name = "status_callback")
    public String statusCallback;

    @Column(name = "last_status")
    public String lastStatus;

    @Column(name = "last_status_at")
    @Convert(converter = UtcMillis.class)
    public Instant lastStatusAt;

    @Column(name = "created_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant createdAt;
}
