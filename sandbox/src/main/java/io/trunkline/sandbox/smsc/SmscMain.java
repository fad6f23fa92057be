package io.trunkline.sandbox.smsc;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox SMSC until the process is killed. Settings from system properties or environment variables
 * (a system property wins): {@code TRUNKLINE_SMSC_PORT} (2775), {@code TRUNKLINE_SMSC_SYSTEM_ID} (trunkline),
 * {@code TRUNKLINE_SMSC_PASSWORD} (secret), {@code TRUNKLINE_SMSC_RECEIPT_DELAY_MS} (300),
 * {@code TRUNKLINE_SMSC_MAX_TPS} (0 = unlimited) and {@code TRUNKLINE_SMSC_RULES} (e.g.
 * {@code 61400000=UNDELIV,61400001=SUBMITFAIL}; see {@link SmscConfig.Rule#parseList}); behaviour:
 * {@code TRUNKLINE_SMSC_LATENCY_MS} (0, submit_sm_resp delay), {@code TRUNKLINE_SMSC_UNDELIVERED_RATIO} and
 * {@code TRUNKLINE_SMSC_EXPIRED_RATIO} (0, random receipt outcomes), {@code TRUNKLINE_SMSC_RECEIPT_FORMAT}
 * (TEXT_AND_TLV, TEXT_ONLY, TLV_ONLY, TEXT_DECIMAL_ID) and {@code TRUNKLINE_SMSC_DROP_EVERY} (0: drop all
 * connections after every n-th submit).
 */
public final class SmscMain {
    private SmscMain() {
    }

    public static void main(String[] args) throws Exception {
        SmscConfig config = fromEnvironment();
        SandboxSmsc smsc = SandboxSmsc.start(config);
        smsc.setSubmitLatency(Duration.ofMillis(Long.parseLong(setting("TRUNKLINE_SMSC_LATENCY_MS", "0"))))
                .setOutcomeRatios(Double.parseDouble(setting("TRUNKLINE_SMSC_UNDELIVERED_RATIO", "0")),
                        Double.parseDouble(setting("TRUNKLINE_SMSC_EXPIRED_RATIO", "0")))
                .setReceiptFormat(SandboxSmsc.ReceiptFormat.valueOf(
                        setting("TRUNKLINE_SMSC_RECEIPT_FORMAT", "TEXT_AND_TLV").toUpperCase(java.util.Locale.ROOT)))
                .setDropEverySubmits(Integer.parseInt(setting("TRUNKLINE_SMSC_DROP_EVERY", "0")));
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
