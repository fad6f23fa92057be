package io.trunkline.gsm;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A message (or one part of a concatenated one) read from a SIM. */
@Entity
@Table(name = "gsm_inbound_part")
public class InboundPart {
    public static final String WAITING = "WAITING";
    public static final String PUBLISHED = "PUBLISHED";

    @Id
    public String id;
    public String fingerprint;
    public String port;
    public String sender;
    @Column(name = "concat_key")
    public String concatKey;
    @Column(name = "part_no")
    public int partNo;
    @Column(name = "parts_total")
    public int partsTotal;
    public String body;
    public String encoding;
    @Column(name = "sent_at")
    public Instant sentAt;
    public String state;
    @Column(name = "inbound_id")
    public String inboundId;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
