package io.trunkline.voice.asterisk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.jboss.logging.Logger;

import io.trunkline.voice.config.VoiceConfig;

/**
 * Places legs as call files ({@link CallFileWriter}); each file carries {@code Set: TRUNKLINE_LEG=<leg id>} and
 * {@code Archive: yes}. The result is the archived file in {@code outgoing_done/}: {@code Status: Completed} means
 * answered, {@code Expired} (or {@code Failed}) means not. When AMI is connected too, its events add what the file
 * cannot say: the {@code VarSet} of TRUNKLINE_LEG ties Asterisk's Uniqueids to the leg, {@code Newstate Up} gives the
 * answer time, {@code Hangup} the end time and cause (17 busy, 19 no answer, 34 congestion). Call files cannot bridge.
 */
public class CallFileDriver implements CallDriver {
    private static final Logger LOG = Logger.getLogger(CallFileDriver.class);

    private final Path outgoing;
    private final Path done;
    private final Path staging;
    private final AmiConnection ami;
    private final Map<String, Track> legs = new ConcurrentHashMap<>();
    private final Map<String, String> legByUniqueid = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;
    private volatile LegListener listener;

    private static final class Track {
        final String legId;
        final Path file;
        volatile Instant answeredAt;
        volatile Instant hungUpAt;
        volatile Integer cause;
        volatile String uniqueid;
        volatile boolean ended;
        /** the archived file's Status, once read */
        volatile String archived;
        volatile Instant archivedAt;

        Track(String legId, Path file) {
            this.legId = legId;
            this.file = file;
        }
    }

    public CallFileDriver(VoiceConfig.Callfile config, AmiConnection ami) {
        this.outgoing = config.spoolDir().resolve("outgoing");
        this.done = config.spoolDir().resolve("outgoing_done");
        this.staging = config.stagingDir().orElse(config.spoolDir().resolve("trunkline-tmp"));
        this.ami = ami;
        if (ami != null) {
            ami.addListener(this::onEvent);
        }
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "callfile-results");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, Math.max(20, config.poll().toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return "callfile";
    }

    @Override
    public boolean canBridge() {
        return false;
    }

    @Override
    public void listener(LegListener l) {
        this.listener = l;
    }

    @Override
    public void originate(LegSpec spec) {
        try {
            Path file = CallFileWriter.write(spec, staging, outgoing);
            legs.put(spec.legId(), new Track(spec.legId(), file));
        } catch (IOException e) {
            LOG.errorf("cannot spool call file for leg %s: %s", spec.legId(), e.toString());
            LegListener l = listener;
            if (l != null) {
                l.ended(spec.legId(), LegOutcome.FAILED, null, "call file not spooled: " + e.getMessage(),
                        Instant.now());
            }
        }
    }

    @Override
    public void hangup(String legId, int cause) {
        Track t = legs.get(legId);
        if (t == null || t.ended) {
            return;
        }
        try {
            if (Files.deleteIfExists(t.file)) { // not picked up yet
                end(t, LegOutcome.FAILED, null, "cancelled before Asterisk took the file");
                return;
            }
        } catch (IOException e) {
            LOG.debugf("cannot delete %s: %s", t.file, e.toString());
        }
        if (ami != null && ami.loggedIn() && t.uniqueid != null) {
            try {
                ami.connection().sendAction(new HangupAction(t.uniqueid, cause));
            } catch (Exception e) {
                LOG.warnf("hangup of %s failed: %s", legId, e.toString());
            }
        }
    }

    @Override
    public boolean bridge(String legA, String legB) {
        return false;
    }

    void onEvent(ManagerEvent event) {
        if (event instanceof VarSetEvent v && "TRUNKLINE_LEG".equals(v.getVariable()) && v.getUniqueId() != null) {
            Track t = legs.get(v.getValue());
            if (t != null) {
                legByUniqueid.put(v.getUniqueId(), t.legId);
                if (t.uniqueid == null) {
                    t.uniqueid = v.getUniqueId();
                }
            }
        } else if (event instanceof NewStateEvent n && "Up".equalsIgnoreCase(n.getChannelStateDesc())) {
            Track t = trackOf(n.getUniqueId());
            if (t != null && t.answeredAt == null) {
                t.answeredAt = Instant.now();
                LegListener l = listener;
                if (l != null) {
                    l.answered(t.legId, n.getChannel(), t.answeredAt);
                }
            }
        } else if (event instanceof HangupEvent h) {
            Track t = trackOf(h.getUniqueId());
            if (t != null) {
                if (h.getCause() != null && (h.getCause() != 0 || t.cause == null)) {
                    t.cause = h.getCause();
                }
                if (t.hungUpAt == null) {
                    t.hungUpAt = Instant.now();
                }
            }
        }
    }

    private Track trackOf(String uniqueid) {
        String legId = uniqueid == null ? null : legByUniqueid.get(uniqueid);
        return legId == null ? null : legs.get(legId);
    }

    private void poll() {
        for (Track t : legs.values()) {
            if (t.archived == null) {
                Path archived = done.resolve(t.legId + ".call");
                if (!Files.exists(archived)) {
                    continue;
                }
                try {
                    t.archived = statusOf(Files.readString(archived, StandardCharsets.UTF_8));
                    t.archivedAt = Instant.now();
                    Files.deleteIfExists(archived);
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("cannot read archived call file %s: %s", archived, e.toString());
                    continue;
                }
            }
            // AMI events may trail the archive by a moment: wait up to a second for a Hangup with a real cause
            // (a Local channel's first half hangs up with cause 0, the second with the telling one)
            boolean amiPending = ami != null && ami.loggedIn() && (t.cause == null || t.cause == 0)
                    && t.archivedAt.plusSeconds(1).isAfter(Instant.now());
            if (!amiPending) {
                finish(t);
            }
        }
    }

    private void finish(Track t) {
        if ("Completed".equalsIgnoreCase(t.archived)) {
            if (t.answeredAt == null) { // no AMI events: answered, but when is unknown
                LegListener l = listener;
                if (l != null) {
                    l.answered(t.legId, null, Instant.now());
                }
            }
            end(t, LegOutcome.ANSWERED, t.cause == null ? 16 : t.cause, "Status: Completed");
        } else {
            LegOutcome o = t.cause == null ? LegOutcome.NO_ANSWER : LegOutcome.ofCause(t.cause);
            end(t, o, t.cause, "Status: " + t.archived);
        }
    }

    /** The last {@code Status:} line Asterisk appended. */
    public static String statusOf(String text) {
        String status = null;
        for (String line : text.split("\r?\n")) {
            if (line.regionMatches(true, 0, "Status:", 0, 7)) {
                status = line.substring(7).trim();
            }
        }
        return status == null ? "Unknown" : status;
    }

    private void end(Track t, LegOutcome outcome, Integer cause, String detail) {
        synchronized (t) {
            if (t.ended) {
                return;
            }
            t.ended = true;
        }
        legs.remove(t.legId);
        if (t.uniqueid != null) {
            legByUniqueid.values().removeIf(t.legId::equals);
        }
        LegListener l = listener;
        if (l != null) {
            l.ended(t.legId, outcome, cause, detail, t.hungUpAt != null ? t.hungUpAt : Instant.now());
        }
    }

    public void close() {
        poller.shutdownNow();
    }
}
