package io.trunkline.relay;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trunkline.sandbox.smsc.SandboxSmsc;
import io.trunkline.sandbox.smsc.SmscConfig;

/**
 * Runs the sandbox SMSC in the test JVM on a free port and points carrier {@code sandbox} at it. Destinations
 * starting 61499 are undeliverable (stat:UNDELIV err:001), 61498 are refused (ESME_RSUBMITFAIL), and 61497 are
 * answered only after the relay's submit timeout.
 */
public class SandboxSmscResource implements QuarkusTestResourceLifecycleManager {
    public static final String UNDELIVERABLE = "+61499";
    public static final String REFUSED = "+61498";
    public static final String SLOW = "+61497";
    private static volatile SandboxSmsc smsc;
    private int maxSubmitsPerSecond;

    public static SandboxSmsc smsc() {
        return smsc;
    }

    /** Init arg {@code maxSubmitsPerSecond}: throttle beyond this rate (default: unlimited). */
    @Override
    public void init(Map<String, String> initArgs) {
        maxSubmitsPerSecond = Integer.parseInt(initArgs.getOrDefault("maxSubmitsPerSecond", "0"));
    }

    @Override
    public Map<String, String> start() {
        try {
            smsc = SandboxSmsc.start(SmscConfig.defaults().withMaxSubmitsPerSecond(maxSubmitsPerSecond).withRules(
                    SmscConfig.Rule.undeliverable(UNDELIVERABLE),
                    SmscConfig.Rule.rejectSubmit(REFUSED),
                    SmscConfig.Rule.slowResponse(SLOW, Duration.ofSeconds(4))));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the sandbox SMSC", e);
        }
        return Map.of(
                "trunkline.relay.carriers.sandbox.host", "127.0.0.1",
                "trunkline.relay.carriers.sandbox.port", String.valueOf(smsc.port()),
                "trunkline.relay.carriers.sandbox.submit-timeout", "1500ms",
                "trunkline.relay.carriers.sandbox.reconnect-backoff", "200ms",
                "trunkline.relay.carriers.sandbox.reconnect-backoff-max", "2s",
                "trunkline.relay.carriers.sandbox.throttle-backoff", "100ms",
                "trunkline.relay.carriers.sandbox.throttle-backoff-max", "400ms",
                "trunkline.relay.orphan-retry-interval", "2s");
    }

    @Override
    public void stop() {
        if (smsc != null) {
            smsc.close();
            smsc = null;
        }
    }
}
