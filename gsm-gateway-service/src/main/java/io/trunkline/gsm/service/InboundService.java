package io.trunkline.gsm.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.platform.Sha256;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsReceived;
import io.trunkline.gsm.InboundPart;
import io.trunkline.gsm.messaging.Channels;
import io.trunkline.gsm.pdu.CharacterSet;
import io.trunkline.gsm.pdu.Tpdu;
import io.trunkline.gsm.pdu.UserDataHeader;
import io.trunkline.gsm.repository.InboundPartRepository;
import io.trunkline.platform.outbox.Outbox;

/**
 * Messages read from a SIM. Each PDU is recorded once (a fingerprint of port and PDU), so reading it again after a
 * crash between publishing and AT+CMGD publishes nothing twice. A concatenated message's parts wait in the database
 * (in any order, across restarts) until all are in; then one {@link SmsReceived} goes out through the outbox.
 */
@ApplicationScoped
public class InboundService {
    private static final Logger LOG = Logger.getLogger(InboundService.class);

    private final InboundPartRepository parts;
    private final Outbox outbox;

    public InboundService(InboundPartRepository parts, Outbox outbox) {
        this.parts = parts;
        this.outbox = outbox;
    }

    /** What became of a PDU: published now, waiting for other parts, or seen before. */
    public enum Result {
        PUBLISHED, WAITING, DUPLICATE
    }

    /**
     * Records the message; returns once the transaction committed, after which the SIM copy may be deleted.
     * {@code to} is the SIM's number.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Result accept(String port, String to, Tpdu.Deliver d, String pdu) {
        String fingerprint = Sha256.hex(port + "|" + pdu.toUpperCase());
        if (parts.seen(fingerprint)) {
            return Result.DUPLICATE;
        }
        UserDataHeader.Concat concat = d.userData().header() == null ? null
                : d.userData().header().concat().orElse(null);
        InboundPart p = new InboundPart();
        p.id = UUID.randomUUID().toString();
        p.fingerprint = fingerprint;
        p.port = port;
        p.sender = d.originator().toString();
        p.partNo = concat == null ? 1 : concat.sequence();
        p.partsTotal = concat == null ? 1 : concat.total();
        p.body = d.text();
        p.encoding = d.dcs().charset() == CharacterSet.UCS2 ? SmsEncoding.UCS2.name() : SmsEncoding.GSM7.name();
        p.sentAt = d.serviceCentreTime().toInstant();
        if (concat == null || concat.total() <= 1) {
            p.state = InboundPart.PUBLISHED;
            p.inboundId = UUID.randomUUID().toString();
            parts.persist(p);
            publish(p.inboundId, port, to, p.sender, p.body, SmsEncoding.valueOf(p.encoding), 1, p.sentAt);
            return Result.PUBLISHED;
        }
        p.concatKey = port + "|" + p.sender + "|" + (concat.sixteenBit() ? "16:" : "8:") + concat.reference() + "|"
                + concat.total();
        p.state = InboundPart.WAITING;
        parts.persist(p);
        parts.flush();
        List<InboundPart> waiting = parts.waitingLocked(p.concatKey);
        Map<Integer, InboundPart> byPart = new LinkedHashMap<>();
        for (InboundPart w : waiting) {
            byPart.putIfAbsent(w.partNo, w); // a part received twice counts once
        }
        if (byPart.size() < concat.total()) {
            LOG.debugf("port %s: part %d of %d from %s (ref %d) waits for %d more", port, p.partNo, p.partsTotal,
                    p.sender, concat.reference(), concat.total() - byPart.size());
            return Result.WAITING;
        }
        StringBuilder text = new StringBuilder();
        boolean ucs2 = false;
        Instant first = null;
        for (int i = 1; i <= concat.total(); i++) {
            InboundPart part = byPart.get(i);
            if (part == null) {
                return Result.WAITING; // part numbers out of range: wait for the right ones
            }
            text.append(part.body);
            ucs2 |= SmsEncoding.UCS2.name().equals(part.encoding);
            first = first == null || part.sentAt.isBefore(first) ? part.sentAt : first;
        }
        String inboundId = UUID.randomUUID().toString();
        for (InboundPart w : waiting) {
            w.state = InboundPart.PUBLISHED;
            w.inboundId = inboundId;
        }
        publish(inboundId, port, to, p.sender, text.toString(), ucs2 ? SmsEncoding.UCS2 : SmsEncoding.GSM7,
                concat.total(), first);
        return Result.PUBLISHED;
    }

    private void publish(String inboundId, String port, String to, String from, String text, SmsEncoding enc,
            int segments, Instant sentAt) {
        outbox.publish(new SmsReceived(inboundId, null, from, to, text, enc, segments, Channels.CHANNEL,
                Channels.CHANNEL + ":" + port, sentAt));
        LOG.infof("port %s: message from %s to %s (%d part(s)) published as %s", port, from, to, segments, inboundId);
    }

}
