package io.trunkline.relay;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Runs {@link CloudhopperSmsc} in the test JVM and points carrier {@code sandbox} at it. */
public class CloudhopperSmscResource implements QuarkusTestResourceLifecycleManager {
    private static volatile CloudhopperSmsc smsc;

    static CloudhopperSmsc smsc() {
        return smsc;
    }

    @Override
    public Map<String, String> start() {
        try {
            smsc = new CloudhopperSmsc();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Cloudhopper SMSC", e);
        }
        return Map.of(
                "trunkline.relay.carriers.sandbox.host", "127.0.0.1",
                "trunkline.relay.carriers.sandbox.port", String.valueOf(smsc.port),
                "trunkline.relay.carriers.sandbox.reconnect-backoff", "200ms",
                "trunkline.relay.carriers.sandbox.window-size", "20",
                "trunkline.relay.orphan-retry-interval", "1s");
    }

    @Override
    public void stop() {
        if (smsc != null) {
            smsc.close();
            smsc = null;
        }
    }
}
