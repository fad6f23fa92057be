package io.trunkline.voice;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A call status POST to the tenant's callback URL, retried with backoff until delivered or given up. */
@Entity
@Table(name = "status_callback")
public class StatusCallback {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "call_id")
    public String callId;
    @Column(name = "tenant_id")
    public String tenantId;
    public String url;
    public String body;
    public int attempts;
    /** PENDING, DELIVERED, FAILED */
    public String state;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
}
