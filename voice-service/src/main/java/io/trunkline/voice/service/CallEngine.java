package io.trunkline.voice.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.events.CallStatus;
import io.trunkline.voice.CallSession;
import io.trunkline.voice.asterisk.CallDriver;
import io.trunkline.voice.asterisk.Drivers;
import io.trunkline.voice.asterisk.LegListener;
import io.trunkline.voice.asterisk.LegOutcome;
import io.trunkline.voice.asterisk.LegSpec;
import io.trunkline.voice.config.VoiceConfig;

/**
 * Places the waiting calls. Each running call belongs to one engine thread ({@code engine-threads}, chosen by call
 * id), so a call's events are handled one at a time and in order while different calls' database writes run in
 * parallel; admission and the channel accounting run on one thread of their own. Each tick admits waiting calls oldest first (FIFO by queue position) while their tenant's and their trunk's
 * channel limits allow: a call reserves the channels it can use at once (2 for click-to-call, 1 for a hunt, every
 * number for ring-all, the broadcast concurrency for a broadcast; never more than the smaller limit). A call that
 * does not fit blocks the later calls of its tenant (and, when the trunk is full, of its trunk), so order is kept; a
 * call still waiting at its deadline fails with that reason. With driver {@code none} nothing is placed.
 */
@ApplicationScoped
public class CallEngine implements LegListener {
    private static final Logger LOG = Logger.getLogger(CallEngine.class);

    final VoiceConfig config;
    final CallRecorder recorder;
    final FollowMe followMe;
    private final Drivers drivers;
    /** admission, accounting, ticks */
    private ScheduledExecutorService exec;
    /** the calls' own threads */
    private ScheduledExecutorService[] shards;
    private CallDriver driver;
    private final Map<String, CallRun> runs = new ConcurrentHashMap<>();
    private final Map<String, CallRun> legOwner = new ConcurrentHashMap<>();
    private final Map<String, Integer> tenantUsed = new HashMap<>();
    private final Map<String, Integer> trunkUsed = new HashMap<>();

    public CallEngine(VoiceConfig config, CallRecorder recorder, FollowMe followMe, Drivers drivers) {
        this.config = config;
        this.recorder = recorder;
        this.followMe = followMe;
        this.drivers = drivers;
    }

    void onStart(@Observes StartupEvent ev) {
        driver = drivers.driver();
        if (driver == null) {
            LOG.info("trunkline.voice.driver=none: calls are stored and stay queued");
            return;
        }
        driver.listener(this);
        exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voice-engine");
            t.setDaemon(true);
            return t;
        });
        shards = new ScheduledExecutorService[Math.max(1, config.engineThreads())];
        for (int i = 0; i < shards.length; i++) {
            String name = "voice-call-" + i;
            shards[i] = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        exec.execute(() -> {
            int n = recorder.recover();
            if (n > 0) {
                LOG.warnf("%d calls were in progress at the last stop and have failed", n);
            }
        });
        exec.scheduleWithFixedDelay(this::tick, 0, config.tick().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("voice engine started with the %s driver", driver.name());
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (exec != null) {
            exec.shutdownNow();
            for (ScheduledExecutorService s : shards) {
                s.shutdownNow();
            }
        }
    }

    private ScheduledExecutorService shardOf(String callId) {
        return shards[Math.floorMod(callId.hashCode(), shards.length)];
    }

    /** Admit waiting calls now (after a request was stored) rather than at the next tick. */
    public void wake() {
        if (exec != null) {
            exec.execute(this::safeAdmit);
        }
    }

    /** Calls running now (for metrics and tests). */
    public int running() {
        return runs.size();
    }

    private void tick() {
        safeAdmit();
        try {
            Instant now = Instant.now();
            for (CallRun run : List.copyOf(runs.values())) {
                onRunThread(run, () -> run.checkLegTimeouts(now, config.resultGrace()));
            }
        } catch (RuntimeException e) {
            LOG.error("leg time-out check failed", e);
        }
    }

    private void safeAdmit() {
        try {
            admit();
        } catch (RuntimeException e) {
            LOG.error("admitting waiting calls failed", e);
        }
    }

    private void admit() {
        List<CallSession> waiting = recorder.waiting(500);
        if (waiting.isEmpty()) {
            return;
        }
        Set<String> blockedTenants = new HashSet<>();
        Set<String> blockedTrunks = new HashSet<>();
        Instant now = Instant.now();
        for (CallSession s : waiting) {
            if (runs.containsKey(s.callId)) {
                continue;
            }
            String trunk = trunkOf(s.tenantId);
            int tenantMax = tenantMax(s.tenantId);
            int trunkMax = trunkMax(trunk);
            CallInfo info = new CallInfo(s.callId, s.tenantId, s.kind, s.reference, s.statusCallback,
                    callerIdFor(s), trunk);
            if (s.deadline != null && now.isAfter(s.deadline)) {
                recorder.status(info, CallStatus.FAILED, null, "deadline passed while waiting for a free channel"
                        + " (tenant limit " + tenantMax + ", trunk " + trunk + " limit " + trunkMax + ")");
                continue;
            }
            if (blockedTenants.contains(s.tenantId) || blockedTrunks.contains(trunk)) {
                blockedTenants.add(s.tenantId);
                continue;
            }
            CallRun run = CallRun.create(this, info, s);
            int need = Math.max(1, Math.min(run.channelsNeeded(), Math.min(tenantMax, trunkMax)));
            if (tenantUsed.getOrDefault(s.tenantId, 0) + need > tenantMax) {
                blockedTenants.add(s.tenantId);
                continue;
            }
            if (trunkUsed.getOrDefault(trunk, 0) + need > trunkMax) {
                blockedTrunks.add(trunk);
                blockedTenants.add(s.tenantId);
                continue;
            }
            run.reserved = need;
            tenantUsed.merge(s.tenantId, need, Integer::sum);
            trunkUsed.merge(trunk, need, Integer::sum);
            runs.put(s.callId, run);
            recorder.admitted(s.callId, trunk);
            shardOf(s.callId).execute(() -> {
                try {
                    run.start();
                } catch (RuntimeException e) {
                    LOG.error("call " + s.callId + " failed to start", e);
                    run.finish(CallStatus.FAILED, "internal error: " + e.getMessage());
                }
            });
        }
    }

    /** A run is over: give its channels back and let the next waiting calls in (on the admission thread). */
    void release(CallRun run) {
        exec.execute(() -> {
            if (runs.remove(run.info.callId()) == null) {
                return;
            }
            tenantUsed.merge(run.info.tenantId(), -run.reserved, Integer::sum);
            trunkUsed.merge(run.info.trunk(), -run.reserved, Integer::sum);
            safeAdmit();
        });
    }

    String trunkOf(String tenantId) {
        VoiceConfig.Tenant t = config.tenants().get(tenantId);
        return t != null && t.trunk().isPresent() ? t.trunk().get() : config.defaultTrunk();
    }

    int tenantMax(String tenantId) {
        VoiceConfig.Tenant t = config.tenants().get(tenantId);
        return t != null && t.maxChannels().isPresent() ? t.maxChannels().get() : config.tenantMaxChannels();
    }

    int trunkMax(String trunk) {
        VoiceConfig.Trunk t = config.trunks().get(trunk);
        return t != null && t.maxChannels().isPresent() ? t.maxChannels().get() : config.trunkMaxChannels();
    }

    String callerIdFor(CallSession s) {
        if (s.callerId != null && !s.callerId.isBlank()) {
            return s.callerId;
        }
        VoiceConfig.Tenant t = config.tenants().get(s.tenantId);
        return t != null && t.callerId().isPresent() ? t.callerId().get() : config.defaultCallerId();
    }

    String dialString(String trunk, String number) {
        VoiceConfig.Trunk t = config.trunks().get(trunk);
        String template = t != null && t.dialString().isPresent() ? t.dialString().get() : config.dialString();
        return template.replace("{number}", number).replace("{trunk}", trunk);
    }

    boolean canBridge() {
        return driver.canBridge();
    }

    /** Places one leg for a run; the result comes back to the run. */
    String dial(CallRun run, String number, String role, int attempt, Duration timeout, String context,
            Map<String, String> variables) {
        String legId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        recorder.legCreated(run.info, legId, role, number, attempt, driver.name(), now);
        legOwner.put(legId, run);
        Map<String, String> vars = new HashMap<>(variables);
        vars.put("TRUNKLINE_CALL", run.info.callId());
        driver.originate(new LegSpec(legId, dialString(run.info.trunk(), number), run.info.callerId(), timeout,
                context, vars, null));
        return legId;
    }

    void hangup(String legId, int cause) {
        driver.hangup(legId, cause);
    }

    boolean bridge(String legA, String legB) {
        return driver.bridge(legA, legB);
    }

    /** Runs a step of this call later, on the call's own thread. */
    void later(CallRun run, Duration delay, Runnable r) {
        shardOf(run.info.callId()).schedule(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("scheduled call step failed", e);
            }
        }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    void forget(String legId) {
        legOwner.remove(legId);
    }

    @Override
    public void answered(String legId, String channel, Instant at) {
        CallRun run = legOwner.get(legId);
        if (run != null) {
            onRunThread(run, () -> run.onAnswered(legId, channel, at));
        }
    }

    @Override
    public void ended(String legId, LegOutcome outcome, Integer cause, String detail, Instant at) {
        CallRun run = legOwner.remove(legId);
        if (run != null) {
            onRunThread(run, () -> run.onEnded(legId, outcome, cause, detail, at));
        }
    }

    /** Runs a step of a call on the call's own thread, logging what fails. */
    private void onRunThread(CallRun run, Runnable r) {
        shardOf(run.info.callId()).execute(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("call " + run.info.callId() + ": handling a leg event failed", e);
            }
        });
    }
}
