package io.trunkline.relay;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One submitted part: the carrier's message id for it and what its receipts said. */
@Entity
@Table(name = "relay_part")
public class RelayPart {
    @Id
    public String id;
    public String carrier;
    @Column(name = "carrier_message_id")
    public String carrierMessageId;
    /** {@link io.trunkline.relay.smpp.MessageIds#normalise} of the carrier id: what receipts are matched on. */
    @Column(name = "norm_id")
    public String normId;
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "part_no")
    public int partNo;
    @Enumerated(EnumType.STRING)
    public PartState state;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "receipt_at")
    public Instant receiptAt;
}
