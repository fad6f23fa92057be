package io.trunkline.relay;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trunkline.sandbox.smsc.SandboxSmsc;
import io.trunkline.sandbox.smsc.SmscConfig;

/**
 * Three sandbox SMSCs in the test JVM and the carriers {@link CarrierFeaturesTest} needs:
 * <ul>
 * <li>SMSC {@link #window()}: carrier {@code win}, two transmitter + receiver bind pairs, window 100, 25 ms latency
 * (many submits in flight when the test drops the connections);</li>
 * <li>SMSC {@link #features()}: carriers {@code sar} (SAR TLVs), {@code payload} (message_payload), {@code expiring}
 * (validity 1 s, no receipts for {@value #NO_RECEIPT} numbers), {@code limited} (10 submits/s over 2 binds);</li>
 * <li>SMSC {@link #decimal()}: receipts quote decimal ids; carrier {@code decimal} (id-format
 * hex-resp-decimal-receipt), also the only receiver of concatenated MO in the test;</li>
 * <li>carrier {@code dead}: a closed port, failover to {@code payload}.</li>
 * </ul>
 */
public class FeatureSmscResource implements QuarkusTestResourceLifecycleManager {
    public static final String NO_RECEIPT = "+61496";
    private static volatile SandboxSmsc window;
    private static volatile SandboxSmsc features;
    private static volatile SandboxSmsc decimal;

    public static SandboxSmsc window() {
        return window;
    }

    public static SandboxSmsc features() {
        return features;
    }

    public static SandboxSmsc decimal() {
        return decimal;
    }

    @Override
    public Map<String, String> start() {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            window = SandboxSmsc.start(SmscConfig.defaults().withReceiptDelay(Duration.ofMillis(50)));
            window.setSubmitLatency(Duration.ofMillis(25));
            features = SandboxSmsc.start(SmscConfig.defaults().withReceiptDelay(Duration.ofMillis(50))
                    .withRules(SmscConfig.Rule.noReceipt(NO_RECEIPT)));
            decimal = SandboxSmsc.start(SmscConfig.defaults().withReceiptDelay(Duration.ofMillis(50)));
            decimal.setReceiptFormat(SandboxSmsc.ReceiptFormat.TEXT_DECIMAL_ID);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the sandbox SMSCs", e);
        }
        Map<String, String> p = new HashMap<>();
        carrier(p, "win", window.port());
        p.put("trunkline.relay.carriers.win.bind-mode", "transmitter-and-receiver");
        p.put("trunkline.relay.carriers.win.binds", "2");
        p.put("trunkline.relay.carriers.win.window-size", "100");
        p.put("trunkline.relay.carriers.win.submit-timeout", "3s");
        carrier(p, "sar", features.port());
        p.put("trunkline.relay.carriers.sar.long-messages", "sar");
        carrier(p, "payload", features.port());
        p.put("trunkline.relay.carriers.payload.long-messages", "payload");
        carrier(p, "expiring", features.port());
        p.put("trunkline.relay.carriers.expiring.default-validity", "1s");
        p.put("trunkline.relay.carriers.expiring.expiry-grace", "0s");
        carrier(p, "limited", features.port());
        p.put("trunkline.relay.carriers.limited.binds", "2");
        p.put("trunkline.relay.carriers.limited.max-submits-per-second", "10");
        carrier(p, "decimal", decimal.port());
        p.put("trunkline.relay.carriers.decimal.id-format", "hex-resp-decimal-receipt");
        carrier(p, "dead", closedPort);
        p.put("trunkline.relay.carriers.dead.circuit-failures", "1");
        p.put("trunkline.relay.carriers.dead.failover", "payload");
        p.put("trunkline.relay.expiry-sweep-interval", "1s");
        p.put("trunkline.relay.failover-sweep-interval", "1s");
        p.put("trunkline.relay.orphan-retry-interval", "1s");
        p.put("trunkline.relay.inbound-tenants.\"6140000\"", "tenant-mo");
        // the default sandbox carrier is not used here: point it at the features SMSC so that it binds
        carrier(p, "sandbox", features.port());
        return p;
    }

    private static void carrier(Map<String, String> p, String name, int port) {
        String k = "trunkline.relay.carriers." + name + ".";
        p.put(k + "host", "127.0.0.1");
        p.put(k + "port", String.valueOf(port));
        p.put(k + "system-id", SmscConfig.DEFAULT_SYSTEM_ID);
        p.put(k + "password", SmscConfig.DEFAULT_PASSWORD);
        p.put(k + "reconnect-backoff", "200ms");
        p.put(k + "reconnect-backoff-max", "1s");
        p.put(k + "bind-timeout", "2s");
    }

    @Override
    public void stop() {
        for (SandboxSmsc s : new SandboxSmsc[] {window, features, decimal}) {
            if (s != null) {
                s.close();
            }
        }
        window = null;
        features = null;
        decimal = null;
    }
}
