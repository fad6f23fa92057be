package io.trunkline.relay;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A receipt whose id matched no submitted part when it came: kept to be matched later, never dropped. */
@Entity
@Table(name = "relay_orphan_receipt")
public class OrphanReceipt {
    @Id
    public String id;
    public String carrier;
    @Column(name = "receipt_id")
    public String receiptId;
    /** Comma-separated normalised ids the receipt may refer to (see MessageIds.candidates). */
    @Column(name = "candidate_ids")
    public String candidateIds;
    public String stat;
    @Column(name = "error_code")
    public String errorCode;
    public String body;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolved_message_id")
    public String resolvedMessageId;
}
