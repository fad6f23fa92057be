package io.trunkline.voice;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One originated channel of a call; its id is the Originate ChannelId and the CDR id. */
@Entity
@Table(name = "call_leg")
public class CallLeg {
    @Id
    @Column(name = "leg_id")
    public String legId;
    @Column(name = "call_id")
    public String callId;
    @Column(name = "tenant_id")
    public String tenantId;
    /** AGENT, CUSTOMER or LISTENER (speech broadcast). */
    public String role;
    public String party;
    public int attempt;
    public String trunk;
    public String driver;
    public String channel;
    /** DIALING, ANSWERED, ENDED */
    public String state;
    /** ANSWERED, BUSY, NO_ANSWER, CONGESTION, FAILED, LOST */
    public String outcome;
    @Column(name = "hangup_cause")
    public String hangupCause;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "billable_seconds")
    public long billableSeconds;
    @Column(name = "cdr_sent")
    public boolean cdrSent;
    /** Dialling order (assigned by the database). */
    @Column(name = "leg_seq", insertable = false, updatable = false)
    public Long legSeq;
}
