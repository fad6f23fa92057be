package io.trunkline.gsm;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A part a modem accepted, with the message reference its status report will carry. */
@Entity
@Table(name = "gsm_sent_part")
public class SentPart {
    public static final String SENT = "SENT";
    public static final String DELIVERED = "DELIVERED";
    public static final String UNDELIVERED = "UNDELIVERED";

    @Id
    public String id;
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "part_no")
    public int partNo;
    public String port;
    public int mr;
    @Column(name = "sent_at")
    public Instant sentAt;
    public String status;
    @Column(name = "tp_status")
    public Integer tpStatus;
    @Column(name = "reported_at")
    public Instant reportedAt;
}
