package io.trunkline.gsm.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.gsm.QueuedMessage;
import io.trunkline.gsm.SentPart;
import io.trunkline.gsm.messaging.Channels;
import io.trunkline.gsm.repository.QueuedMessageRepository;
import io.trunkline.gsm.repository.SentPartRepository;
import io.trunkline.platform.outbox.Outbox;

/**
 * The send queue's state changes, each in its own transaction: a claim is committed before anything goes on the
 * wire, "this part may leave" is committed before its PDU is written, and each outcome is recorded with the events
 * it causes (status change, CDR) through the outbox.
 */
@ApplicationScoped
public class SendService {
    private static final Logger LOG = Logger.getLogger(SendService.class);

    private final QueuedMessageRepository messages;
    private final SentPartRepository parts;
    private final Outbox outbox;

    public SendService(QueuedMessageRepository messages, SentPartRepository parts, Outbox outbox) {
        this.messages = messages;
        this.parts = parts;
        this.outbox = outbox;
    }

    /** A claimed message, detached from the persistence context. */
    public record Claim(String messageId, String tenantId, String sender, String destination, String body,
            boolean deliveryReport, Instant validUntil, String token) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claimNext(String port) {
        return messages.claimNext(port, UUID.randomUUID().toString()).map(m -> new Claim(m.messageId, m.tenantId,
                m.sender, m.destination, m.body, m.deliveryReport, m.validUntil, m.claimToken));
    }

    /** Part {@code partNo} of {@code total} is about to be written to the modem. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void onWire(String messageId, int partNo, int total) {
        QueuedMessage m = messages.findById(messageId);
        m.partsOnWire = partNo;
        m.partsTotal = total;
        m.updatedAt = Instant.now();
    }

    /** The modem accepted a part ({@code +CMGS: <mr>}). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void partSent(String messageId, int partNo, String port, int mr) {
        recordPart(messageId, partNo, port, mr);
    }

    /** The last part was accepted: the part and SENT (with its CDR) in one transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void lastPartSent(Claim c, String port, int total, int firstMr, int mr, boolean sticky) {
        recordPart(c.messageId(), total, port, mr);
        markSent(c, port, total, total == 1 ? mr : firstMr, sticky);
    }

    private void recordPart(String messageId, int partNo, String port, int mr) {
        SentPart p = new SentPart();
        p.id = UUID.randomUUID().toString();
        p.messageId = messageId;
        p.partNo = partNo;
        p.port = port;
        p.mr = mr;
        p.sentAt = Instant.now();
        p.status = SentPart.SENT;
        parts.persist(p);
        messages.countSent(port, 1);
    }

    private void markSent(Claim c, String port, int total, int firstMr, boolean sticky) {
        messages.lock(c.messageId());
        QueuedMessage m = messages.findById(c.messageId());
        Instant now = Instant.now();
        m.state = QueuedMessage.State.SENT;
        m.claimToken = null;
        m.partsTotal = total;
        m.sentAt = now;
        m.updatedAt = now;
        publishStatus(m, SmsStatus.SENT, port + ":" + firstMr, null, null, now);
        publishCdr(m, port, total, true, now);
        if (sticky) {
            messages.rememberPort(m.destination, port);
        }
        // a status report may have come before this commit (it is applied to the parts): settle it now
        settleFromParts(m, now);
    }

    /** Back to the queue: nothing of it left. {@code refusedBy} is a port that should not take it again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void requeue(Claim c, String refusedBy, String reason) {
        messages.lock(c.messageId());
        QueuedMessage m = messages.findById(c.messageId());
        m.state = QueuedMessage.State.QUEUED;
        m.port = null;
        m.claimToken = null;
        m.partsOnWire = 0;
        m.reason = truncate(reason);
        m.updatedAt = Instant.now();
        if (refusedBy != null) {
            m.triedPorts = m.triedPorts == null ? refusedBy : m.triedPorts + "," + refusedBy;
        }
    }

    /** How many ports already refused this message. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int attempts(String messageId) {
        return messages.findById(messageId).attempts;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(Claim c, String port, String errorCode, String reason) {
        messages.lock(c.messageId());
        QueuedMessage m = messages.findById(c.messageId());
        Instant now = Instant.now();
        m.state = QueuedMessage.State.FAILED;
        m.claimToken = null;
        m.errorCode = errorCode;
        m.reason = truncate(reason);
        m.updatedAt = now;
        publishStatus(m, SmsStatus.FAILED, null, errorCode, m.reason, now);
        publishCdr(m, port, m.partsTotal == null ? m.segments : m.partsTotal, false, now);
    }

    /** The modem took a PDU and went silent: it may have left. Never resent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void unknown(String messageId, String reason) {
        messages.lock(messageId);
        QueuedMessage m = messages.findById(messageId);
        if (m.state != QueuedMessage.State.SENDING) {
            return;
        }
        m.state = QueuedMessage.State.UNKNOWN;
        m.claimToken = null;
        m.reason = truncate(reason);
        m.updatedAt = Instant.now();
        publishStatus(m, SmsStatus.UNKNOWN, null, null, m.reason, m.updatedAt);
    }

    /**
     * At start: messages this instance's ports were sending when it stopped. None of its PDUs written: back to the
     * queue. Some written: UNKNOWN (never resent).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recover(List<String> ports) {
        for (QueuedMessage m : messages.sendingOn(ports)) {
            if (m.partsOnWire == 0) {
                m.state = QueuedMessage.State.QUEUED;
                m.port = null;
                m.claimToken = null;
                m.updatedAt = Instant.now();
                LOG.infof("%s: was being claimed on %s when the service stopped; queued again", m.messageId, m.port);
            } else {
                m.state = QueuedMessage.State.UNKNOWN;
                m.claimToken = null;
                m.reason = "the service stopped while part " + m.partsOnWire + " was with the modem";
                m.updatedAt = Instant.now();
                LOG.warnf("%s: %s; UNKNOWN, not resent", m.messageId, m.reason);
                publishStatus(m, SmsStatus.UNKNOWN, null, null, m.reason, m.updatedAt);
            }
        }
    }

    /** Rolls a SENT message up from its parts once every part has a final report. */
    public void settleFromParts(QueuedMessage m, Instant now) {
        if (m.state != QueuedMessage.State.SENT || m.partsTotal == null) {
            return;
        }
        List<SentPart> ps = parts.ofMessage(m.messageId);
        if (ps.size() < m.partsTotal || ps.stream().anyMatch(p -> SentPart.SENT.equals(p.status))) {
            return;
        }
        SentPart bad = ps.stream().filter(p -> SentPart.UNDELIVERED.equals(p.status)).findFirst().orElse(null);
        if (bad == null) {
            m.state = QueuedMessage.State.DELIVERED;
            publishStatus(m, SmsStatus.DELIVERED, ps.get(0).port + ":" + ps.get(0).mr, null, null, now);
        } else {
            m.state = QueuedMessage.State.UNDELIVERED;
            m.errorCode = String.format("TP-ST 0x%02X", bad.tpStatus);
            m.reason = "status report for part " + bad.partNo + ": TP-ST " + m.errorCode.substring(6);
            publishStatus(m, SmsStatus.UNDELIVERED, ps.get(0).port + ":" + ps.get(0).mr, m.errorCode, m.reason, now);
        }
        m.updatedAt = now;
    }

    void publishStatus(QueuedMessage m, SmsStatus status, String channelId, String errorCode, String reason,
            Instant at) {
        outbox.publish(new SmsStatusChanged(m.messageId, m.tenantId, status, Channels.CHANNEL, channelId, errorCode,
                reason, at));
    }

    /** One CDR per message; its id is stable so a redelivery can never bill twice. */
    private void publishCdr(QueuedMessage m, String port, int segments, boolean success, Instant at) {
        outbox.publish(new CdrRecorded("sms-out-" + m.messageId, m.tenantId, CdrService.SMS_OUT, m.messageId,
                m.sender, m.destination, segments, 0, m.claimedAt != null ? m.claimedAt : at, null, at,
                Channels.CHANNEL, port, success, null));
    }

    static String truncate(String s) {
        return s == null || s.length() <= 255 ? s : s.substring(0, 255);
    }
}
