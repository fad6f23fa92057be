package io.trunkline.gsm;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A message routed to the modem pool, waiting in the send queue. */
@Entity
@Table(name = "gsm_outbound")
public class QueuedMessage {
    public enum State {
        QUEUED, SENDING, SENT, FAILED
    }

    @Id
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "tenant_id")
    public String tenantId;
    public String sender;
    public String destination;
    public String body;
    public String encoding;
    public int segments;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;
    public String port;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "queued_at")
    public Instant queuedAt;
}
