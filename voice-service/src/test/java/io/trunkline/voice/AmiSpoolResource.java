package io.trunkline.voice;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * The sandbox Asterisk with a call-file spool in a temporary folder; voice-service uses the callfile driver on that
 * spool and listens to AMI for answer times and hangup causes.
 */
public class AmiSpoolResource implements QuarkusTestResourceLifecycleManager {
    public static final String ANSWERS = "+27841000";
    public static final String BUSY = "+27842000";
    public static final String NO_ANSWER = "+27843000";

    private static volatile SandboxAmi ami;
    private static volatile Path spool;

    public static SandboxAmi ami() {
        return ami;
    }

    public static Path spool() {
        return spool;
    }

    @Override
    public Map<String, String> start() {
        try {
            spool = Files.createTempDirectory("trunkline-spool");
            ami = SandboxAmi.start(AmiConfig.defaults()
                    .withDefaultRule(Rule.answer("", Duration.ofMillis(100), Duration.ofMillis(400)))
                    .withRules(List.of(Rule.answer(ANSWERS, Duration.ofMillis(100), Duration.ofMillis(400)),
                            Rule.of(BUSY, Outcome.BUSY), Rule.of(NO_ANSWER, Outcome.NO_ANSWER)))
                    .withSpool(spool, Duration.ofMillis(50)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the sandbox AMI with a spool", e);
        }
        Map<String, String> cfg = new HashMap<>();
        cfg.put("trunkline.voice.driver", "callfile");
        cfg.put("trunkline.voice.callfile.spool-dir", spool.toString());
        cfg.put("trunkline.voice.callfile.poll", "50ms");
        cfg.put("trunkline.voice.ami.port", String.valueOf(ami.port()));
        cfg.put("trunkline.voice.ami.reconnect-min", "100ms");
        cfg.put("trunkline.voice.tick", "100ms");
        cfg.put("trunkline.voice.ring-timeout", "1s");
        cfg.put("trunkline.voice.broadcast.max-concurrent", "3");
        cfg.put("trunkline.voice.broadcast.max-retries", "1");
        cfg.put("trunkline.voice.broadcast.retry-delay", "200ms");
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
