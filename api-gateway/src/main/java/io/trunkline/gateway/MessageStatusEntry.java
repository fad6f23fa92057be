package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.trunkline.events.SmsStatus;

/** One step of a message's life as it was reported, in the order it happened ({@code occurredAt}, then id). */
@Entity
@Table(name = "sms_status_history")
public class MessageStatusEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SmsStatus status;

    @Convert(converter = UtcMillis.class)
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** The channel that reported it ({@code gateway} for the acceptance itself). */
    @Column(nullable = false)
    public String channel;

    @Column(name = "channel_message_id")
    public String channelMessageId;

    @Column(name = "error_code")
    public String errorCode;

    public String reason;

    @Convert(converter = UtcMillis.class)
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
