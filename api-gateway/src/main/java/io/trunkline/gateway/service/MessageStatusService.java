package io.trunkline.gateway.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.events.SmsStatusChanged;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.MessageStatusEntry;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.repository.MessageRepository;
import io.trunkline.gateway.repository.MessageStatusRepository;

/** Applies the status reports channels publish on {@code sms.status} to the messages the gateway accepted. */
@ApplicationScoped
public class MessageStatusService {
    private static final Logger LOG = Logger.getLogger(MessageStatusService.class);
    static final int MAX_REASON = 512;
    static final int MAX_SHORT = 64;
    static final int MAX_ID = 128;

    /** What became of a report. */
    public enum Outcome {
        /** Recorded in the history and the message moved forward. */
        ADVANCED,
        /** Recorded in the history; the message already was as far or further (late, repeated or after a terminal). */
        RECORDED,
        /** The same step is in the history already (re-published under a new event id). */
        DUPLICATE,
        /** No such message here (e.g. one voice-service sent), or it belongs to another tenant. */
        IGNORED
    }

    private final MessageRepository messages;
    private final MessageStatusRepository history;
    private final WebhookService webhooks;

    public MessageStatusService(MessageRepository messages, MessageStatusRepository history, WebhookService webhooks) {
        this.messages = messages;
        this.history = history;
        this.webhooks = webhooks;
    }

    /** Call in the consumer's transaction, after the inbox has let the event through. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(SmsStatusChanged e) {
        SmsMessage m = messages.findById(e.messageId());
        if (m == null) {
            LOG.debugf("status %s for unknown message %s ignored", e.status(), e.messageId());
            return Outcome.IGNORED;
        }
        if (!m.tenantId.equals(e.tenantId())) {
            LOG.warnf("status %s for message %s names tenant %s but the message is tenant %s's: ignored", e.status(),
                    e.messageId(), e.tenantId(), m.tenantId);
            return Outcome.IGNORED;
        }
        Instant occurredAt = Clocks.millis(e.occurredAt());
        if (history.contains(m.id, e.status(), occurredAt)) {
            return Outcome.DUPLICATE;
        }
        Instant now = Clocks.now();
        MessageStatusEntry step = new MessageStatusEntry();
        step.messageId = m.id;
        step.status = e.status();
        step.occurredAt = occurredAt;
        step.channel = cut(e.channel(), MAX_SHORT);
        step.channelMessageId = cut(e.channelMessageId(), MAX_ID);
        step.errorCode = cut(e.errorCode(), MAX_SHORT);
        step.reason = cut(e.reason(), MAX_REASON);
        step.recordedAt = now;
        history.persist(step);
        boolean advanced = messages.advance(m.id, e.status(), step.channelMessageId, step.errorCode, step.reason, now);
        if (advanced) {
            LOG.debugf("message %s is now %s", m.id, e.status());
            webhooks.messageStatus(m, step);
        }
        return advanced ? Outcome.ADVANCED : Outcome.RECORDED;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
