package io.trunkline.relay.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsReceived;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.relay.config.RelayConfig;
import io.trunkline.relay.messaging.Channels;
import io.trunkline.relay.repository.MoPartRepository;
import io.trunkline.relay.smpp.MoMessage;

/**
 * Mobile-originated messages from a carrier become {@link SmsReceived} on {@code sms.inbound}, with an SMS_IN CDR
 * when the receiving number's tenant is configured ({@code trunkline.relay.inbound-tenants}). Parts of a
 * concatenated message are stored (they survive a restart) and published as one message when the last arrives.
 */
@ApplicationScoped
public class InboundService {
    private static final Logger LOG = Logger.getLogger(InboundService.class);
    /** Parts of a group that never completed are dropped after this long (logged). */
    private static final long GROUP_RETENTION_SECONDS = 24 * 3600;

    private final Outbox outbox;
    private final MoPartRepository moParts;
    private final RelayConfig config;

    public InboundService(Outbox outbox, MoPartRepository moParts, RelayConfig config) {
        this.outbox = outbox;
        this.moParts = moParts;
        this.config = config;
    }

    /** Publishes the message (through the outbox, committed before the deliver_sm is acknowledged). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void onMessage(String carrier, MoMessage mo) {
        if (mo.from().isBlank() || mo.to().isBlank() || (!mo.concatenated() && mo.text().isBlank())) {
            LOG.warnf("%s: empty deliver_sm from '%s' to '%s' dropped", carrier, mo.from(), mo.to());
            return;
        }
        if (!mo.concatenated()) {
            publish(carrier, mo.from(), mo.to(), mo.text(), mo.encoding(), 1);
            return;
        }
        String key = carrier + "|" + mo.from() + "|" + mo.to() + "|" + mo.ref() + "|" + mo.total();
        moParts.lockGroup(key, carrier, mo.from(), mo.to(), mo.total());
        if (!moParts.insertPart(key, mo.seq(), mo.text(), mo.encoding().name())) {
            LOG.debugf("%s: MO part %d of %s repeated; ignored", carrier, mo.seq(), key);
            return;
        }
        List<Object[]> parts = moParts.parts(key);
        if (parts.size() < mo.total()) {
            LOG.debugf("%s: MO part %d/%d from %s stored (%d so far)", carrier, mo.seq(), mo.total(), mo.from(),
                    parts.size());
            return;
        }
        StringBuilder text = new StringBuilder();
        SmsEncoding encoding = SmsEncoding.GSM7;
        for (Object[] p : parts) {
            text.append((String) p[1]);
            if (SmsEncoding.UCS2.name().equals(p[2])) {
                encoding = SmsEncoding.UCS2;
            }
        }
        moParts.deleteGroup(key);
        publish(carrier, mo.from(), mo.to(), text.toString(), encoding, mo.total());
    }

    private void publish(String carrier, String from, String to, String text, SmsEncoding encoding, int segments) {
        String tenant = tenantOf(config.inboundTenants(), to);
        Instant now = Instant.now();
        SmsReceived received = new SmsReceived(UUID.randomUUID().toString(), tenant, from, to, text, encoding,
                segments, Channels.CHANNEL, "smpp:" + carrier, now);
        outbox.publish(received);
        if (tenant != null) {
            outbox.publish(new CdrRecorded("sms-in-" + received.inboundId(), tenant, CdrService.SMS_IN,
                    received.inboundId(), from, to, segments, 0, now, null, now, Channels.CHANNEL, carrier, true, null));
        }
        LOG.debugf("%s: message from %s to %s received as %s", carrier, from, to, received.inboundId());
    }

    /** The tenant of the longest configured prefix of the number ({@code +} ignored), or null. */
    static String tenantOf(Map<String, String> tenants, String number) {
        String n = number.startsWith("+") ? number.substring(1) : number;
        String best = null;
        int bestLength = -1;
        for (Map.Entry<String, String> e : tenants.entrySet()) {
            String prefix = e.getKey().startsWith("+") ? e.getKey().substring(1) : e.getKey();
            if (n.startsWith(prefix) && prefix.length() > bestLength) {
                best = e.getValue();
                bestLength = prefix.length();
            }
        }
        return best;
    }

    /** Groups whose missing parts never came are dropped after a day (each logged). */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropIncompleteGroups() {
        List<String> stale = QuarkusTransaction.requiringNew().call(() -> moParts.stale(GROUP_RETENTION_SECONDS));
        for (String key : stale) {
            QuarkusTransaction.requiringNew().run(() -> moParts.deleteGroup(key));
            LOG.warnf("concatenated MO %s never completed; its parts were dropped", key);
        }
    }
}
