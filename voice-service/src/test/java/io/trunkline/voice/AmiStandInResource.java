package io.trunkline.voice;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trunkline.sandbox.ami.AmiConfig;
import io.trunkline.sandbox.ami.AmiConfig.Outcome;
import io.trunkline.sandbox.ami.AmiConfig.Rule;
import io.trunkline.sandbox.ami.SandboxAmi;

/**
 * Runs the sandbox Asterisk (AMI over real TCP) in the test JVM on a free port and points voice-service's AMI driver
 * at it, with short timings. What each test number does is below.
 */
public class AmiStandInResource implements QuarkusTestResourceLifecycleManager {
    /** answers after 100 ms, stays up 4 s (an agent waiting for the customer) */
    public static final String AGENT_OK = "+27111000";
    public static final String AGENT_BUSY = "+27112000";
    public static final String AGENT_NO_ANSWER = "+27113000";
    public static final String AGENT_CONGESTION = "+27114000";
    /** answers after 1.5 s */
    public static final String SLOW = "+27115000";
    /** answers after 100 ms, talks 600 ms */
    public static final String FAST = "+27116000";
    /** answers after 100 ms, talks 700 ms */
    public static final String SHORT = "+27117000";
    /** answers after 100 ms, stays up 8 s */
    public static final String LONG = "+27118000";
    /** answers after 100 ms, talks 400 ms (a customer) */
    public static final String CUSTOMER_OK = "+27821000";
    /** answers after 100 ms, talks 2.5 s */
    public static final String CUSTOMER_LONG = "+27822000";
    public static final String CUSTOMER_BUSY = "+27823000";
    /** a listener who answers and hears 300 ms */
    public static final String LISTENER = "+27831000";
    public static final String LISTENER_BUSY = "+27832000";

    private static volatile SandboxAmi ami;
    private static volatile AmiConfig config;

    public static SandboxAmi ami() {
        return ami;
    }

    /** Stops the stand-in (Asterisk down): voice-service loses its AMI login. */
    public static void stopAmi() {
        ami.close();
    }

    /** Starts the stand-in again on the same port, with the same rules (Asterisk back). */
    public static void startAmi() throws java.io.IOException {
        ami = SandboxAmi.start(config);
    }

    @Override
    public Map<String, String> start() {
        try {
            config = AmiConfig.defaults()
                    .withDefaultRule(Rule.answer("", Duration.ofMillis(100), Duration.ofMillis(500)))
                    .withRules(List.of(
                            Rule.answer(AGENT_OK, Duration.ofMillis(100), Duration.ofSeconds(4)),
                            Rule.of(AGENT_BUSY, Outcome.BUSY),
                            Rule.of(AGENT_NO_ANSWER, Outcome.NO_ANSWER),
                            Rule.of(AGENT_CONGESTION, Outcome.CONGESTION),
                            Rule.answer(SLOW, Duration.ofMillis(1500), Duration.ofSeconds(2)),
                            Rule.answer(FAST, Duration.ofMillis(100), Duration.ofMillis(600)),
                            Rule.answer(SHORT, Duration.ofMillis(100), Duration.ofMillis(700)),
                            Rule.answer(LONG, Duration.ofMillis(100), Duration.ofSeconds(8)),
                            Rule.answer(CUSTOMER_OK, Duration.ofMillis(100), Duration.ofMillis(400)),
                            Rule.answer(CUSTOMER_LONG, Duration.ofMillis(100), Duration.ofMillis(2500)),
                            Rule.of(CUSTOMER_BUSY, Outcome.BUSY),
                            Rule.answer(LISTENER, Duration.ofMillis(100), Duration.ofMillis(300)),
                            Rule.of(LISTENER_BUSY, Outcome.BUSY)));
            ami = SandboxAmi.start(config);
            config = config.withPort(ami.port());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the sandbox AMI", e);
        }
        Map<String, String> cfg = new HashMap<>();
        cfg.put("trunkline.voice.driver", "ami");
        cfg.put("trunkline.voice.ami.host", "127.0.0.1");
        cfg.put("trunkline.voice.ami.port", String.valueOf(ami.port()));
        cfg.put("trunkline.voice.ami.username", AmiConfig.DEFAULT_USER);
        cfg.put("trunkline.voice.ami.secret", AmiConfig.DEFAULT_SECRET);
        cfg.put("trunkline.voice.ami.reconnect-min", "100ms");
        cfg.put("trunkline.voice.ami.reconnect-max", "1s");
        cfg.put("trunkline.voice.tick", "100ms");
        cfg.put("trunkline.voice.ring-timeout", "1s");
        cfg.put("trunkline.voice.result-grace", "5s");
        cfg.put("trunkline.voice.broadcast.max-concurrent", "2");
        cfg.put("trunkline.voice.broadcast.max-retries", "1");
        cfg.put("trunkline.voice.broadcast.retry-delay", "300ms");
        cfg.put("trunkline.voice.tenants.tenant-q.max-channels", "1");
        cfg.put("trunkline.voice.tenants.tenant-v.caller-id", "+27115550000");
        cfg.put("trunkline.voice.tenants.tenant-v.callback-secret", "tenant-v-secret");
        // two tenants sharing a one-channel trunk: the trunk limit, not theirs, makes them wait
        cfg.put("trunkline.voice.trunks.narrow.max-channels", "1");
        cfg.put("trunkline.voice.tenants.tenant-t1.trunk", "narrow");
        cfg.put("trunkline.voice.tenants.tenant-t2.trunk", "narrow");
        // voice's own callbacks are off by default (the gateway sends them); on here to test the opt-in sender
        cfg.put("trunkline.voice.callbacks.enabled", "true");
        cfg.put("trunkline.voice.callbacks.poll", "100ms");
        cfg.put("trunkline.voice.callbacks.initial-backoff", "200ms");
        return cfg;
    }

    @Override
    public void stop() {
        if (ami != null) {
            ami.close();
            ami = null;
        }
    }
}
