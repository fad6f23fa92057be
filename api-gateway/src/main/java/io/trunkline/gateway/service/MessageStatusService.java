package io.trunkline.gateway.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        return applyAll(List.of(e)).get(0);
    }

    /**
     * Applies a batch of reports, in order, as if one by one, with a few statements for the whole batch: the messages
     * in one query, their recorded steps in one, the new steps in one multi-row INSERT and the moves in one JDBC batch
     * of conditional UPDATEs (each sees the ones before it). Call in the consumer's transaction, with the events the
     * inbox let through. Answers each report's outcome, position by position.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Outcome> applyAll(List<SmsStatusChanged> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.messageId()));
        Map<String, SmsMessage> found = new HashMap<>();
        messages.findAllById(ids).forEach(m -> found.put(m.id, m));
        Set<MessageStatusRepository.StepKey> recorded = history.recordedSteps(found.keySet());
        Instant now = Clocks.now();
        List<Outcome> outcomes = new ArrayList<>(events.size());
        List<MessageStatusEntry> steps = new ArrayList<>();
        List<SmsMessage> stepMessages = new ArrayList<>();
        List<Integer> stepPositions = new ArrayList<>();
        for (SmsStatusChanged e : events) {
            SmsMessage m = found.get(e.messageId());
            if (m == null) {
                LOG.debugf("status %s for unknown message %s ignored", e.status(), e.messageId());
                outcomes.add(Outcome.IGNORED);
                continue;
            }
            if (!m.tenantId.equals(e.tenantId())) {
                LOG.warnf("status %s for message %s names tenant %s but the message is tenant %s's: ignored",
                        e.status(), e.messageId(), e.tenantId(), m.tenantId);
                outcomes.add(Outcome.IGNORED);
                continue;
            }
            MessageStatusEntry step = new MessageStatusEntry();
            step.messageId = m.id;
            step.status = e.status();
            step.occurredAt = Clocks.millis(e.occurredAt());
            if (!recorded.add(MessageStatusRepository.StepKey.of(step))) {
                outcomes.add(Outcome.DUPLICATE);
                continue;
            }
            step.channel = cut(e.channel(), MAX_SHORT);
            step.channelMessageId = cut(e.channelMessageId(), MAX_ID);
            step.errorCode = cut(e.errorCode(), MAX_SHORT);
            step.reason = cut(e.reason(), MAX_REASON);
            step.recordedAt = now;
            steps.add(step);
            stepMessages.add(m);
            stepPositions.add(outcomes.size());
            outcomes.add(null);
        }
        history.insertAll(steps);
        boolean[] advanced = messages.advanceAll(steps.stream().map(step -> new MessageRepository.Advance(
                step.messageId, step.status, step.channelMessageId, step.errorCode, step.reason)).toList(), now);
        List<WebhookService.StatusStep> moved = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            outcomes.set(stepPositions.get(i), advanced[i] ? Outcome.ADVANCED : Outcome.RECORDED);
            if (advanced[i]) {
                LOG.debugf("message %s is now %s", steps.get(i).messageId, steps.get(i).status);
                moved.add(new WebhookService.StatusStep(stepMessages.get(i), steps.get(i)));
            }
        }
        webhooks.messageStatuses(moved);
        return outcomes;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
