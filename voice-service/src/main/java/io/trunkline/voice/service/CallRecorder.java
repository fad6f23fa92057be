package io.trunkline.voice.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.trunkline.events.CallStatus;
import io.trunkline.events.CallStatusChanged;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;
import io.trunkline.events.EventCodec;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.voice.CallEvent;
import io.trunkline.voice.CallLeg;
import io.trunkline.voice.CallSession;
import io.trunkline.voice.StatusCallback;
import io.trunkline.voice.asterisk.LegOutcome;
import io.trunkline.voice.config.VoiceConfig;
import io.trunkline.voice.repository.CallEventRepository;
import io.trunkline.voice.repository.CallLegRepository;
import io.trunkline.voice.repository.CallSessionRepository;
import io.trunkline.voice.repository.StatusCallbackRepository;

/**
 * Every change of a call's state, in its own transaction with the events that announce it (Outbox): a status step
 * (session state, timeline row, {@code call.status}, a status callback to deliver) and a leg's end (its row and its one
 * CDR on {@code cdr.events}, id = leg id, sent once).
 */
@ApplicationScoped
public class CallRecorder {
    private final CallSessionRepository sessions;
    private final CallLegRepository legs;
    private final CallEventRepository timeline;
    private final StatusCallbackRepository callbacks;
    private final Outbox outbox;
    private final VoiceConfig config;

    public CallRecorder(CallSessionRepository sessions, CallLegRepository legs, CallEventRepository timeline,
            StatusCallbackRepository callbacks, Outbox outbox, VoiceConfig config) {
        this.config = config;
        this.sessions = sessions;
        this.legs = legs;
        this.timeline = timeline;
        this.callbacks = callbacks;
        this.outbox = outbox;
    }

    /** Waiting calls, oldest first. */
    @Transactional
    public List<CallSession> waiting(int limit) {
        List<CallSession> list = sessions.find("state = ?1 order by queueSeq", CallStatus.QUEUED).page(0, limit).list();
        list.forEach(s -> sessions.getEntityManager().detach(s));
        return list;
    }

    @Transactional
    public void admitted(String callId, String trunk) {
        CallSession s = sessions.findById(callId);
        s.trunk = trunk;
        s.updatedAt = Instant.now();
    }

    @Transactional
    public void status(CallInfo call, CallStatus status, String party, String reason) {
        Instant now = Instant.now();
        CallSession s = sessions.findById(call.callId());
        if (s != null) {
            if (s.state != null && s.state.terminal()) {
                return;
            }
            s.state = status;
            s.updatedAt = now;
            if (reason != null) {
                s.reason = reason;
            }
            if (status.terminal()) {
                s.endedAt = now;
            }
        }
        CallEvent e = new CallEvent();
        e.callId = call.callId();
        e.status = status;
        e.party = party;
        e.reason = reason;
        e.occurredAt = now;
        timeline.persist(e);
        outbox.publish(new CallStatusChanged(call.callId(), call.tenantId(), status, party, reason, now));
        callback(call, status, party, reason, now);
    }

    /** The QUEUED step of a new call (announced by {@link CallQueue}): its timeline row and status callback. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queued(CallInfo call, Instant at) {
        CallEvent e = new CallEvent();
        e.callId = call.callId();
        e.status = CallStatus.QUEUED;
        e.occurredAt = at;
        timeline.persist(e);
        callback(call, CallStatus.QUEUED, null, null, at);
    }

    /**
     * Queues the status callback of a step, if voice-service sends callbacks itself ({@code callbacks.enabled}, off by
     * default: the api-gateway sends them) and the call has a callback URL (in the caller's transaction).
     */
    @Transactional
    public void callback(CallInfo call, CallStatus status, String party, String reason, Instant at) {
        if (!config.callbacks().enabled() || call.statusCallback() == null || call.statusCallback().isBlank()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callId", call.callId());
        body.put("tenantId", call.tenantId());
        body.put("reference", call.reference());
        body.put("kind", call.kind());
        body.put("status", status);
        body.put("party", party);
        body.put("reason", reason);
        body.put("occurredAt", at.toString());
        StatusCallback cb = new StatusCallback();
        cb.callId = call.callId();
        cb.tenantId = call.tenantId();
        cb.url = call.statusCallback();
        cb.body = json(body);
        cb.state = "PENDING";
        cb.nextAttemptAt = at;
        callbacks.persist(cb);
    }

    @Transactional
    public void legCreated(CallInfo call, String legId, String role, String party, int attempt, String driver,
            Instant at) {
        CallLeg l = new CallLeg();
        l.legId = legId;
        l.callId = call.callId();
        l.tenantId = call.tenantId();
        l.role = role;
        l.party = party;
        l.attempt = attempt;
        l.trunk = call.trunk();
        l.driver = driver;
        l.state = "DIALING";
        l.startedAt = at;
        legs.persist(l);
    }

    @Transactional
    public void legAnswered(String legId, String channel, Instant at) {
        CallLeg l = legs.findById(legId);
        if (l != null && l.answeredAt == null) {
            l.state = "ANSWERED";
            l.answeredAt = at;
            l.channel = channel;
        }
    }

    /**
     * Ends a leg and publishes its CDR, once. Billable seconds run from answer to end, a started second counting
     * as a whole one (Asterisk's cdr.conf {@code initiatedseconds=yes}).
     */
    @Transactional
    public void legEnded(CallInfo call, String legId, LegOutcome outcome, Integer cause, Instant startedAt,
            Instant answeredAt, Instant endedAt) {
        CallLeg l = legs.findById(legId);
        if (l == null || l.cdrSent) {
            return;
        }
        long billable = answeredAt == null || endedAt.isBefore(answeredAt) ? 0
                : (Duration.between(answeredAt, endedAt).toMillis() + 999) / 1000;
        l.state = "ENDED";
        l.outcome = outcome.name();
        l.hangupCause = cause == null ? null : String.valueOf(cause);
        l.endedAt = endedAt;
        l.billableSeconds = billable;
        l.cdrSent = true;
        outbox.publish(new CdrRecorded(legId, call.tenantId(), CdrService.CALL_OUT, call.callId(), call.callerId(),
                l.party, 0, billable, startedAt, answeredAt, endedAt, "asterisk", call.trunk(),
                answeredAt != null, l.hangupCause));
    }

    /**
     * At start-up: a call that was being placed when the service stopped cannot be followed any more. Its open legs
     * end LOST with a CDR of 0 billable seconds (never billed twice, never billed for time nobody saw) and the call
     * fails with that reason. Calls still waiting stay QUEUED.
     */
    @Transactional
    public int recover() {
        List<CallSession> stuck = sessions.find("state not in (?1, ?2, ?3)", CallStatus.QUEUED, CallStatus.COMPLETED,
                CallStatus.FAILED).list();
        Instant now = Instant.now();
        for (CallSession s : stuck) {
            CallInfo info = new CallInfo(s.callId, s.tenantId, s.kind, s.reference, s.statusCallback, s.callerId,
                    s.trunk == null ? "unknown" : s.trunk);
            for (CallLeg l : legs.list("callId = ?1 and cdrSent = false", s.callId)) {
                legEnded(info, l.legId, LegOutcome.LOST, null, l.startedAt, null, now);
            }
            status(info, CallStatus.FAILED, null, "voice-service restarted while the call was in progress");
        }
        return stuck.size();
    }

    static String json(Object o) {
        try {
            return EventCodec.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
