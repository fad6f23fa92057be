package io.trunkline.gateway.voice;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.events.CallKind;
import io.trunkline.events.CallStatusChanged;
import io.trunkline.gateway.service.WebhookService;
import io.trunkline.platform.rest.ProblemException;

/**
 * The gateway's record of calls placed through it, and the CALL_STATUS webhook of each step voice reports: to the
 * call's own status callback, else the tenant's default URL.
 */
@ApplicationScoped
public class CallService {
    private static final Logger LOG = Logger.getLogger(CallService.class);
    static final String EVENT_TYPE = "call.status";

    private final VoiceCallRepository calls;
    private final WebhookService webhooks;

    public CallService(VoiceCallRepository calls, WebhookService webhooks) {
        this.calls = calls;
        this.webhooks = webhooks;
    }

    /** What the gateway checks itself before voice is asked (voice checks the numbers and the rest). */
    static void check(VoiceModel.CallRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a call request is required");
        }
        if (body.kind() != null) {
            try {
                CallKind.valueOf(body.kind());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("kind", "one of CLICK_TO_CALL, SMS_TO_CALL, FOLLOW_ME, SPEECH_BROADCAST");
            }
        }
        if (body.reference() != null && body.reference().length() > 255) {
            throw ProblemException.invalid("reference", "at most 255 characters");
        }
        String cb = body.statusCallback();
        if (cb != null && (cb.length() > 2048 || !httpUrl(cb))) {
            throw ProblemException.invalid("status_callback", "must be an http(s) URL of at most 2048 characters");
        }
    }

    private static boolean httpUrl(String url) {
        try {
            URI u = URI.create(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Records the call under the id voice will be asked to use, committed before voice is asked: the QUEUED step can
     * reach {@link #statusChanged} before voice has even answered the gateway.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String callId, String tenantId, VoiceModel.CallRequest body) {
        VoiceCall c = new VoiceCall();
        c.callId = callId;
        c.tenantId = tenantId;
        c.kind = body.kind() == null ? CallKind.CLICK_TO_CALL.name() : body.kind();
        c.reference = body.reference();
        c.statusCallback = body.statusCallback();
        c.createdAt = Instant.now();
        calls.persist(c);
    }

    /** Voice refused or failed the call: nothing of it remains. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void forget(String callId) {
        calls.deleteById(callId);
    }

    /**
     * One step of a call (in the consumer's transaction): a CALL_STATUS webhook for the call's tenant. A call not placed
     * through the gateway (e.g. SMS-to-call from an inbound app) goes to the tenant's default URL.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void statusChanged(CallStatusChanged step) {
        VoiceCall c = calls.findById(step.callId());
        String tenantId = step.tenantId();
        String url = null;
        String kind = null;
        String reference = null;
        if (c != null) {
            if (!c.tenantId.equals(step.tenantId())) {
                // the gateway recorded who placed it; an event claiming another tenant must not leak the call to it
                LOG.warnf("call.status for call %s names tenant %s, but tenant %s placed it; sent to the latter",
                        step.callId(), step.tenantId(), c.tenantId);
            }
            tenantId = c.tenantId;
            url = c.statusCallback;
            kind = c.kind;
            reference = c.reference;
            if (c.lastStatusAt == null || !step.occurredAt().isBefore(c.lastStatusAt)) {
                c.lastStatus = step.status().name();
                c.lastStatusAt = step.occurredAt();
            }
        }
        webhooks.enqueue(tenantId, WebhookService.Kind.CALL_STATUS, EVENT_TYPE, url,
                new VoiceModel.CallStatusWebhook(step.callId(), kind, reference, step.status().name(), step.party(),
                        step.reason(), step.occurredAt().toString()));
    }
}
