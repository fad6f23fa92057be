package io.trunkline.gsm.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.gsm.QueuedMessage;
import io.trunkline.gsm.SentPart;
import io.trunkline.gsm.pdu.TpStatus;
import io.trunkline.gsm.pdu.Tpdu;
import io.trunkline.gsm.repository.QueuedMessageRepository;
import io.trunkline.gsm.repository.SentPartRepository;

/**
 * Status reports: the message reference (TP-MR) on the port that sent the part finds the part; when every part of
 * the message has a final report, the message becomes DELIVERED or UNDELIVERED (published through the outbox).
 */
@ApplicationScoped
public class ReportService {
    private static final Logger LOG = Logger.getLogger(ReportService.class);

    private final SentPartRepository parts;
    private final QueuedMessageRepository messages;
    private final SendService send;

    public ReportService(SentPartRepository parts, QueuedMessageRepository messages, SendService send) {
        this.parts = parts;
        this.messages = messages;
        this.send = send;
    }

    /** Applies a report; false if no part waits for it (logged). Temporary-error reports change nothing. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean apply(String port, Tpdu.StatusReport r) {
        TpStatus.Outcome outcome = r.outcome();
        SentPart p = parts.awaitingReport(port, r.messageReference()).orElse(null);
        if (p == null) {
            LOG.warnf("port %s: status report for message reference %d (TP-ST 0x%02X) matches no sent part", port,
                    r.messageReference(), r.status());
            return false;
        }
        if (outcome == TpStatus.Outcome.PENDING) {
            LOG.debugf("%s part %d: SC still trying (TP-ST 0x%02X)", p.messageId, p.partNo, r.status());
            return true;
        }
        messages.lock(p.messageId);
        p.status = outcome == TpStatus.Outcome.DELIVERED ? SentPart.DELIVERED : SentPart.UNDELIVERED;
        p.tpStatus = r.status();
        p.reportedAt = Instant.now();
        parts.flush();
        QueuedMessage m = messages.findById(p.messageId);
        send.settleFromParts(m, Instant.now());
        return true;
    }
}
