package io.trunkline.voice;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.trunkline.events.CallKind;
import io.trunkline.events.CallStatus;

/** One requested call and where it is in its life. Parties are stored as JSON arrays of E.164 numbers. */
@Entity
@Table(name = "call_session")
public class CallSession {
    @Id
    @Column(name = "call_id")
    public String callId;
    @Column(name = "tenant_id")
    public String tenantId;
    @Enumerated(EnumType.STRING)
    public CallKind kind;
    /** JSON array: dialled first, in order (or all at once for ring-all follow-me). */
    public String agents;
    /** JSON array: the other party or, for a speech broadcast, the list. */
    public String customers;
    @Column(name = "caller_id")
    public String callerId;
    @Column(name = "speech_text")
    public String speechText;
    public String voice;
    @Column(name = "profile_id")
    public String profileId;
    public String reference;
    @Column(name = "status_callback")
    public String statusCallback;
    public Instant deadline;
    @Enumerated(EnumType.STRING)
    public CallStatus state;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Why the call failed, or how a finished call went (e.g. a broadcast's tally). */
    public String reason;
    /** The trunk the call was placed on. */
    public String trunk;
    @Column(name = "ended_at")
    public Instant endedAt;
    /** FIFO position among waiting calls (assigned by the database). */
    @Column(name = "queue_seq", insertable = false, updatable = false)
    public Long queueSeq;
}
