package io.trunkline.sandbox.smsc;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox SMSC until the process is killed. Settings from system properties or environment variables
 * (a system property wins): {@code TRUNKLINE_SMSC_PORT} (2775), {@code TRUNKLINE_SMSC_SYSTEM_ID} (trunkline),
 * {@code TRUNKLINE_SMSC_PASSWORD} (secret), {@code TRUNKLINE_SMSC_RECEIPT_DELAY_MS} (300),
 * {@code TRUNKLINE_SMSC_MAX_TPS} (0 = unlimited) and {@code TRUNKLINE_SMSC_RULES} (e.g.
 * {@code 61400000=UNDELIV,61400001=SUBMITFAIL}; see {@link SmscConfig.Rule#parseList}).
 */
public final class SmscMain {
    private SmscMain() {
    }

    public static void main(String[] args) throws Exception {
        SmscConfig config = fromEnvironment();
        SandboxSmsc smsc = SandboxSmsc.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            smsc.close();
            stopped.countDown();
        }, "smsc-shutdown"));
        System.out.println("Trunkline sandbox SMSC listening on port " + smsc.port() + " (system_id "
                + config.systemId() + ", receipts after " + config.receiptDelay().toMillis() + " ms)");
        stopped.await();
    }

    static SmscConfig fromEnvironment() {
        return new SmscConfig(
                Integer.parseInt(setting("TRUNKLINE_SMSC_PORT", "2775")),
                setting("TRUNKLINE_SMSC_SYSTEM_ID", SmscConfig.DEFAULT_SYSTEM_ID),
                setting("TRUNKLINE_SMSC_PASSWORD", SmscConfig.DEFAULT_PASSWORD),
                Duration.ofMillis(Long.parseLong(setting("TRUNKLINE_SMSC_RECEIPT_DELAY_MS", "300"))),
                SmscConfig.Rule.parseList(setting("TRUNKLINE_SMSC_RULES", "")),
                Integer.parseInt(setting("TRUNKLINE_SMSC_MAX_TPS", "0")));
    }

    static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
