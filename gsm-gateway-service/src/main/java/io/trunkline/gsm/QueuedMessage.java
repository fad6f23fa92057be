package io.trunkline.gsm;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.trunkline.events.SmsStatus;

/** A message routed to the modem pool: its place in the send queue, then its status. */
@Entity
@Table(name = "gsm_outbound")
public class QueuedMessage {
    public enum State {
        QUEUED(null),
        /** Claimed by a port; parts may be on the wire ({@code partsOnWire}). */
        SENDING(null),
        SENT(SmsStatus.SENT),
        DELIVERED(SmsStatus.DELIVERED),
        UNDELIVERED(SmsStatus.UNDELIVERED),
        FAILED(SmsStatus.FAILED),
        /** A modem took the PDU and never answered: it may or may not have left; never resent. */
        UNKNOWN(SmsStatus.UNKNOWN);

        private final SmsStatus status;

        State(SmsStatus status) {
            this.status = status;
        }

        public SmsStatus status() {
            return status;
        }
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
    @Enumerated(EnumType.STRING)
    public State state;
    public String port;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "queued_at")
    public Instant queuedAt;
    @Column(name = "delivery_report")
    public boolean deliveryReport;
    @Column(name = "valid_until")
    public Instant validUntil;
    @Column(name = "claim_token")
    public String claimToken;
    @Column(name = "claimed_at")
    public Instant claimedAt;
    public int attempts;
    @Column(name = "tried_ports")
    public String triedPorts;
    @Column(name = "parts_total")
    public Integer partsTotal;
    @Column(name = "parts_on_wire")
    public int partsOnWire;
    @Column(name = "error_code")
    public String errorCode;
    public String reason;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
