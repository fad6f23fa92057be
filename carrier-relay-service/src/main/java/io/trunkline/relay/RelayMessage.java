package io.trunkline.relay;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.trunkline.events.SmsStatus;

/** A message routed to an SMPP carrier: its place in the send queue, then its status on the carrier. */
@Entity
@Table(name = "relay_message")
public class RelayMessage {
    public enum State {
        QUEUED(null),
        /** Claimed by a sender; parts may be on the wire. */
        SUBMITTING(null),
        SENT(SmsStatus.SENT),
        DELIVERED(SmsStatus.DELIVERED),
        /** Some parts delivered, the others not (the column is VARCHAR(16): the status' name does not fit). */
        PARTIAL(SmsStatus.PARTIALLY_DELIVERED),
        UNDELIVERED(SmsStatus.UNDELIVERED),
        EXPIRED(SmsStatus.EXPIRED),
        FAILED(SmsStatus.FAILED),
        UNKNOWN(SmsStatus.UNKNOWN);

        private final SmsStatus status;

        State(SmsStatus status) {
            this.status = status;
        }

        public SmsStatus status() {
            return status;
        }

        public boolean terminal() {
            return status != null && status.terminal();
        }

        public static State of(SmsStatus status) {
            for (State s : values()) {
                if (s.status == status) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no message state for " + status);
        }
    }

    @Id
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "tenant_id")
    public String tenantId;
    public String carrier;
    /** The route as accepted ({@code smpp:x}, {@code http:x}, {@code email[:address]}). */
    public String route;
    public String sender;
    public String destination;
    public String body;
    public String encoding;
    public int segments;
    @Column(name = "delivery_report")
    public boolean deliveryReport;
    @Column(name = "valid_until")
    public Instant validUntil;
    @Enumerated(EnumType.STRING)
    public State state;
    @Column(name = "parts_total")
    public Integer partsTotal;
    @Column(name = "first_part_id")
    public String firstPartId;
    @Column(name = "claim_token")
    public String claimToken;
    public int attempts;
    @Column(name = "error_code")
    public String errorCode;
    public String reason;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
