package io.trunkline.voice.asterisk;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.BridgeAction;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.jboss.logging.Logger;

/**
 * Places legs with {@code Originate Async: true}, ActionID and ChannelId both set to the leg id, so the outcome
 * ({@code OriginateResponse} Reason 4/3/5/8/0) is found by ActionID and the channel's events by Uniqueid (our id on
 * the first channel, {@code <id>;2} on a Local channel's second half); never by event order, which differs between
 * outcomes. A failure's hangup cause is the one its Reason implies (5 busy 17, 3 no answer 19, 8 congestion 34) or,
 * for Reason 0, the last Hangup cause seen for the leg. An answered leg ends with its first channel's Hangup.
 * <p>
 * After the AMI connection was lost, {@code CoreShowChannels} tells which of our channels still exist: those go on,
 * an answered one that is gone ended while we were away (its end is taken as the moment the loss was noticed), an
 * unanswered one that is gone ended LOST. Each leg ends exactly once, so it is billed once.
 */
public class AmiDriver implements CallDriver {
    private static final Logger LOG = Logger.getLogger(AmiDriver.class);

    private final AmiConnection ami;
    private final Map<String, Track> legs = new ConcurrentHashMap<>();
    /** Asterisk's Uniqueid of an answered leg placed without our ChannelId (older Asterisk ignores ChannelId). */
    private final Map<String, Track> byUniqueid = new ConcurrentHashMap<>();
    private volatile LegListener listener;
    private volatile Instant lostAt;

    private static final class Track {
        final String legId;
        volatile boolean answered;
        volatile boolean ended;
        volatile Integer lastCause;
        volatile String channel;

        Track(String legId) {
            this.legId = legId;
        }
    }

    public AmiDriver(AmiConnection ami) {
        this.ami = ami;
        ami.addListener(this::onEvent);
        ami.onReconnected(this::reconcile);
    }

    @Override
    public String name() {
        return "ami";
    }

    @Override
    public boolean canBridge() {
        return true;
    }

    @Override
    public void listener(LegListener l) {
        this.listener = l;
    }

    /** Starts following a leg whose Originate was sent elsewhere (tests decoding captured traffic). */
    void follow(String legId) {
        legs.put(legId, new Track(legId));
    }

    @Override
    public void originate(LegSpec spec) {
        Track t = new Track(spec.legId());
        legs.put(spec.legId(), t);
        OriginateAction o = new OriginateAction();
        o.setChannel(spec.dial());
        o.setContext(spec.context());
        o.setExten("s");
        o.setPriority(1);
        o.setTimeout(spec.timeout().toMillis());
        o.setCallerId(spec.callerId());
        o.setAsync(true);
        o.setChannelId(spec.legId());
        o.setActionId(spec.legId());
        if (!spec.variables().isEmpty()) {
            o.setVariables(new HashMap<>(spec.variables()));
        }
        ManagerConnection c = ami.connection();
        if (c == null || c.getState() != ManagerConnectionState.CONNECTED) {
            end(t, LegOutcome.FAILED, null, "Asterisk (AMI) not connected", Instant.now());
            return;
        }
        try {
            c.sendAction(o, response -> {
                if (response instanceof ManagerError || !"Success".equalsIgnoreCase(response.getResponse())) {
                    end(t, LegOutcome.FAILED, null, "Originate refused: " + response.getMessage(), Instant.now());
                }
            });
        } catch (Exception e) {
            end(t, LegOutcome.FAILED, null, "Originate not sent: " + e.getMessage(), Instant.now());
        }
    }

    @Override
    public void hangup(String legId, int cause) {
        Track t = legs.get(legId);
        if (t == null || t.ended) {
            return;
        }
        try {
            ManagerResponse r = ami.connection().sendAction(new HangupAction(legId, cause));
            LOG.debugf("hangup %s: %s %s", legId, r.getResponse(), r.getMessage());
        } catch (Exception e) {
            LOG.warnf("hangup %s failed: %s", legId, e.toString());
        }
    }

    @Override
    public boolean bridge(String legA, String legB) {
        try {
            ManagerResponse r = ami.connection().sendAction(new BridgeAction(legA, legB, false));
            if (r instanceof ManagerError || !"Success".equalsIgnoreCase(r.getResponse())) {
                LOG.warnf("bridge %s + %s refused: %s", legA, legB, r.getMessage());
                return false;
            }
            return true;
        } catch (Exception e) {
            LOG.warnf("bridge %s + %s failed: %s", legA, legB, e.toString());
            return false;
        }
    }

    void onEvent(ManagerEvent event) {
        if (event instanceof OriginateResponseEvent e) {
            Track t = trackOf(e.getActionId(), e.getUniqueId());
            if (t == null || t.ended) {
                return;
            }
            LegOutcome o = LegOutcome.ofReason(e.getReason());
            if (o == LegOutcome.ANSWERED && "Success".equalsIgnoreCase(e.getResponse())) {
                if (e.getUniqueId() != null && !e.getUniqueId().equals(t.legId)) {
                    byUniqueid.put(e.getUniqueId(), t);
                }
                answer(t, e.getChannel());
            } else {
                Integer cause = o.impliedCause() != null ? o.impliedCause() : t.lastCause;
                end(t, o == LegOutcome.ANSWERED ? LegOutcome.FAILED : o, cause,
                        "OriginateResponse Reason " + e.getReason(), Instant.now());
            }
        } else if (event instanceof HangupEvent e) {
            String uid = e.getUniqueId();
            if (uid == null) {
                return;
            }
            boolean second = uid.endsWith(";2");
            Track t = legs.get(second ? uid.substring(0, uid.length() - 2) : uid);
            if (t == null && !second) {
                t = byUniqueid.get(uid);
            }
            if (t == null || t.ended) {
                return;
            }
            Integer cause = e.getCause();
            if (cause != null && (cause != 0 || t.lastCause == null)) {
                t.lastCause = cause;
            }
            if (!second && t.answered) {
                end(t, LegOutcome.ANSWERED, cause, "hung up", Instant.now());
            }
        } else if (event instanceof BridgeEnterEvent e) {
            LOG.debugf("leg %s entered bridge %s", e.getUniqueId(), e.getBridgeUniqueId());
        } else if (event instanceof DisconnectEvent) {
            if (lostAt == null) {
                lostAt = Instant.now();
            }
        }
    }

    private Track trackOf(String actionId, String uniqueId) {
        Track t = actionId == null ? null : legs.get(actionId);
        return t != null ? t : uniqueId == null ? null : legs.get(uniqueId);
    }

    private void answer(Track t, String channel) {
        if (t.answered) {
            return;
        }
        t.answered = true;
        t.channel = channel;
        LegListener l = listener;
        if (l != null) {
            l.answered(t.legId, channel, Instant.now());
        }
    }

    private void end(Track t, LegOutcome outcome, Integer cause, String detail, Instant at) {
        synchronized (t) {
            if (t.ended) {
                return;
            }
            t.ended = true;
        }
        legs.remove(t.legId);
        byUniqueid.values().remove(t);
        LegListener l = listener;
        if (l != null) {
            l.ended(t.legId, outcome, cause, detail, at);
        }
    }

    /** After a reconnect: which of our channels still exist? */
    void reconcile() {
        Instant since = lostAt != null ? lostAt : Instant.now();
        lostAt = null;
        if (legs.isEmpty()) {
            return;
        }
        Map<String, String> alive = new HashMap<>();
        try {
            ResponseEvents r = ami.connection().sendEventGeneratingAction(new CoreShowChannelsAction());
            for (ResponseEvent ev : r.getEvents()) {
                if (ev instanceof CoreShowChannelEvent ch && ch.getUniqueid() != null) {
                    alive.put(ch.getUniqueid(), ch.getChannelStateDesc());
                }
            }
        } catch (Exception e) {
            LOG.warnf("CoreShowChannels after reconnect failed (%s): in-flight legs are given up", e.toString());
        }
        for (Track t : legs.values()) {
            String state = alive.get(t.legId);
            if (state == null) {
                LOG.warnf("leg %s is gone after the AMI connection was lost", t.legId);
                end(t, t.answered ? LegOutcome.ANSWERED : LegOutcome.LOST, t.lastCause,
                        "ended while the AMI connection was down", since);
            } else if (!t.answered && "Up".equalsIgnoreCase(state)) {
                answer(t, null);
            }
        }
    }
}
