package io.trunkline.voice.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.trunkline.events.CallStatus;
import io.trunkline.voice.CallSession;
import io.trunkline.voice.asterisk.LegOutcome;

/**
 * One admitted call, driven by its legs' results on the engine thread. A run ends with one terminal status, emitted
 * only after every leg it placed has ended (so every CDR of the call is out before COMPLETED/FAILED).
 */
abstract class CallRun {
    private static final Logger LOG = Logger.getLogger(CallRun.class);

    final CallEngine engine;
    final CallInfo info;
    final Map<String, Leg> legs = new LinkedHashMap<>();
    int reserved;
    CallStatus terminal;
    String terminalReason;
    boolean finished;

    static final class Leg {
        final String id;
        final String number;
        final String role;
        final int attempt;
        final Instant dialedAt;
        final Duration timeout;
        Instant answeredAt;
        boolean ended;
        LegOutcome outcome;
        Integer cause;

        Leg(String id, String number, String role, int attempt, Instant dialedAt, Duration timeout) {
            this.id = id;
            this.number = number;
            this.role = role;
            this.attempt = attempt;
            this.dialedAt = dialedAt;
            this.timeout = timeout;
        }

        boolean live() {
            return !ended;
        }
    }

    CallRun(CallEngine engine, CallInfo info) {
        this.engine = engine;
        this.info = info;
    }

    static CallRun create(CallEngine engine, CallInfo info, CallSession s) {
        List<String> agents = FollowMe.numbers(s.agents);
        List<String> customers = FollowMe.numbers(s.customers);
        return switch (s.kind) {
            case SPEECH_BROADCAST -> new BroadcastRun(engine, info, customers, s.speechText, s.voice);
            case FOLLOW_ME -> {
                FollowMe.Plan plan = s.profileId == null ? null : engine.followMe.plan(s.tenantId, s.profileId);
                if (s.profileId != null && plan == null) {
                    yield new ConnectRun(engine, info, List.of(), customers, false, engine.config.ringTimeout(),
                            "no follow-me profile " + s.profileId + " for this tenant");
                }
                yield plan != null
                        ? new ConnectRun(engine, info, plan.numbers(), customers, plan.ringAll(), plan.ring(), null)
                        : new ConnectRun(engine, info, agents, customers, false, engine.config.ringTimeout(), null);
            }
            case CLICK_TO_CALL, SMS_TO_CALL -> new ConnectRun(engine, info, agents, customers, false,
                    engine.config.ringTimeout(), null);
        };
    }

    /** Channels this call can use at the same time. */
    abstract int channelsNeeded();

    abstract void start();

    abstract void legAnswered(Leg leg);

    abstract void legEnded(Leg leg);

    Leg dial(String number, String role, int attempt, Duration timeout, String context, Map<String, String> vars) {
        Instant now = Instant.now();
        String id = engine.dial(this, number, role, attempt, timeout, context, vars);
        Leg leg = new Leg(id, number, role, attempt, now, timeout);
        legs.put(id, leg);
        return leg;
    }

    void status(CallStatus status, String party, String reason) {
        engine.recorder.status(info, status, party, reason);
    }

    void onAnswered(String legId, String channel, Instant at) {
        Leg leg = legs.get(legId);
        if (leg == null || leg.ended || leg.answeredAt != null) {
            return;
        }
        leg.answeredAt = at;
        engine.recorder.legAnswered(legId, channel, at);
        if (terminal != null) {
            engine.hangup(legId, 16);
            return;
        }
        legAnswered(leg);
    }

    void onEnded(String legId, LegOutcome outcome, Integer cause, String detail, Instant at) {
        Leg leg = legs.get(legId);
        if (leg == null || leg.ended) {
            return;
        }
        leg.ended = true;
        leg.outcome = leg.answeredAt != null ? LegOutcome.ANSWERED
                : outcome == LegOutcome.ANSWERED ? LegOutcome.FAILED : outcome;
        leg.cause = cause;
        LOG.debugf("call %s leg %s (%s %s) ended %s cause %s: %s", info.callId(), legId, leg.role, leg.number,
                leg.outcome, cause, detail);
        engine.recorder.legEnded(info, legId, leg.outcome, cause, leg.dialedAt, leg.answeredAt, at);
        if (terminal == null) {
            legEnded(leg);
        }
        maybeFinish();
    }

    /** Decides the call's end; live legs are hung up and the status goes out once they have ended. */
    void finish(CallStatus status, String reason) {
        if (terminal != null) {
            return;
        }
        terminal = status;
        terminalReason = reason;
        for (Leg l : legs.values()) {
            if (l.live()) {
                engine.hangup(l.id, 16);
            }
        }
        maybeFinish();
    }

    private void maybeFinish() {
        if (terminal == null || finished || legs.values().stream().anyMatch(Leg::live)) {
            return;
        }
        finished = true;
        status(terminal, null, terminalReason);
        engine.release(this);
    }

    /** A leg with no result long after it should have had one is given up (its result was lost). */
    void checkLegTimeouts(Instant now, Duration grace) {
        for (Leg l : List.copyOf(legs.values())) {
            if (l.live() && l.answeredAt == null && now.isAfter(l.dialedAt.plus(l.timeout).plus(grace))) {
                engine.hangup(l.id, 16);
                engine.forget(l.id);
                onEnded(l.id, LegOutcome.LOST, null, "no result from Asterisk", now);
            }
        }
    }

    static String describe(LegOutcome o) {
        return switch (o) {
            case BUSY -> "busy";
            case NO_ANSWER -> "no answer";
            case CONGESTION -> "congestion";
            case FAILED -> "failed";
            case LOST -> "result lost";
            case ANSWERED -> "answered";
        };
    }
}
