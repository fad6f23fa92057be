package io.trunkline.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.gateway.MessageStatusEntry;
import io.trunkline.gateway.SmsMessage;

/**
 * Webhooks to tenants: status callbacks, inbound messages, call status. A caller enqueues inside its own
 * transaction, so a callback exists exactly when the change it reports was committed; delivery (signing, retries,
 * the delivery log) happens apart from the caller and never slows it.
 */
@ApplicationScoped
public class WebhookService {
    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    /** Kinds of webhook a tenant can receive; each kind has its own tenant default URL. */
    public enum Kind {
        MESSAGE_STATUS, INBOUND_MESSAGE, CALL_STATUS, VERIFICATION
    }

    /**
     * Queues one webhook. {@code url} is the per-message/per-call callback, or null for the tenant's default URL of
     * that kind (no default: nothing is queued). {@code payload} is serialised to JSON as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String tenantId, Kind kind, String eventType, String url, Object payload) {
        // Seam for issue 5 point 9 (webhook delivery): stores, signs and delivers.
        LOG.debugf("webhook %s %s for tenant %s to %s", kind, eventType, tenantId, url);
    }

    /**
     * Queues the status callback of a message's new step (the message's own {@code status_callback}, else the
     * tenant's default); call in the transaction that recorded the step.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void messageStatus(SmsMessage m, MessageStatusEntry step) {
        enqueue(m.tenantId, Kind.MESSAGE_STATUS, "message.status", m.statusCallback, step);
    }
}
