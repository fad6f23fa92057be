package io.trunkline.voice.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.trunkline.events.CallRequested;
import io.trunkline.events.CallStatus;
import io.trunkline.events.CallStatusChanged;
import io.trunkline.events.EventCodec;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.voice.CallSession;
import io.trunkline.voice.repository.CallSessionRepository;

/**
 * Takes a requested call into a QUEUED session and announces it on {@code call.status}, in the caller's transaction.
 * {@link CallEngine} places it from there.
 */
@ApplicationScoped
public class CallQueue {
    private final CallSessionRepository sessions;
    private final Outbox outbox;
    private final CallRecorder recorder;

    public CallQueue(CallSessionRepository sessions, Outbox outbox, CallRecorder recorder) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.recorder = recorder;
    }

    /** Returns false if the call is already known (the same request re-published under a new ce_id). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enqueue(CallRequested request) {
        if (sessions.findById(request.callId()) != null) {
            return false;
        }
        Instant now = Instant.now();
        CallSession s = new CallSession();
        s.callId = request.callId();
        s.tenantId = request.tenantId();
        s.kind = request.kind();
        s.agents = json(request.agents());
        s.customers = json(request.customers());
        s.callerId = request.callerId();
        s.speechText = request.speechText();
        s.voice = request.voice();
        s.profileId = request.profileId();
        s.reference = request.reference();
        s.statusCallback = request.statusCallback();
        s.deadline = request.deadline();
        s.state = CallStatus.QUEUED;
        s.requestedAt = request.requestedAt();
        s.createdAt = now;
        s.updatedAt = now;
        sessions.persist(s);
        outbox.publish(new CallStatusChanged(s.callId, s.tenantId, CallStatus.QUEUED, null, null, now));
        recorder.queued(new CallInfo(s.callId, s.tenantId, s.kind, s.reference, s.statusCallback, s.callerId, null),
                now);
        return true;
    }

    private static String json(List<String> numbers) {
        try {
            return EventCodec.mapper().writeValueAsString(numbers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise call parties", e);
        }
    }
}
