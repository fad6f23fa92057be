package io.trunkline.voice;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.trunkline.events.CallStatus;

/** One step of a call's timeline, as announced on call.status. */
@Entity
@Table(name = "call_event")
public class CallEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "call_id")
    public String callId;
    @Enumerated(EnumType.STRING)
    public CallStatus status;
    public String party;
    public String reason;
    @Column(name = "occurred_at")
    public Instant occurredAt;
}
