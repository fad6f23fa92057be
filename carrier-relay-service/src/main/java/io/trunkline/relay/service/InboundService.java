package io.trunkline.relay.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.events.SmsReceived;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.relay.messaging.Channels;
import io.trunkline.relay.smpp.MoMessage;

/** Mobile-originated messages from a carrier become {@link SmsReceived} on {@code sms.inbound}. */
@ApplicationScoped
public class InboundService {
    private static final Logger LOG = Logger.getLogger(InboundService.class);

    private final Outbox outbox;

    public InboundService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Publishes the message (through the outbox, committed before the deliver_sm is acknowledged). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void onMessage(String carrier, MoMessage mo) {
        if (mo.text().isBlank() || mo.from().isBlank() || mo.to().isBlank()) {
            LOG.warnf("%s: empty deliver_sm from '%s' to '%s' dropped", carrier, mo.from(), mo.to());
            return;
        }
        SmsReceived received = new SmsReceived(UUID.randomUUID().toString(), null, mo.from(), mo.to(), mo.text(),
                mo.encoding(), 1, Channels.CHANNEL, "smpp:" + carrier, Instant.now());
        outbox.publish(received);
        LOG.debugf("%s: message from %s to %s received as %s", carrier, mo.from(), mo.to(), received.inboundId());
    }
}
