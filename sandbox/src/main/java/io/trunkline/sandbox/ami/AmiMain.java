package io.trunkline.sandbox.ami;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox Asterisk until the process is killed. Settings from system properties or environment variables
 * (a system property wins): {@code TRUNKLINE_AMI_PORT} (5038), {@code TRUNKLINE_AMI_USER} (trunkline),
 * {@code TRUNKLINE_AMI_SECRET} (secret), {@code TRUNKLINE_AMI_SPOOL_DIR} (none: no call-file spool),
 * {@code TRUNKLINE_AMI_SPOOL_POLL_MS} (1000), {@code TRUNKLINE_AMI_RING_MS} (1500: default time to answer),
 * {@code TRUNKLINE_AMI_TALK_MS} (10000: default talk time) and {@code TRUNKLINE_AMI_RULES} (e.g.
 * {@code +2782000=BUSY,+2783=NOANSWER,+2786=ANSWER:2000:10000}; see {@link AmiConfig.Rule#parseList}).
 */
public final class AmiMain {
    private AmiMain() {
    }

    public static void main(String[] args) throws Exception {
        AmiConfig config = fromEnvironment();
        SandboxAmi ami = SandboxAmi.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ami.close();
            stopped.countDown();
        }, "ami-shutdown"));
        System.out.println("Trunkline sandbox AMI listening on port " + ami.port() + " (user " + config.username()
                + (config.spoolDir() == null ? "" : ", spool " + config.spoolDir()) + ")");
        stopped.await();
    }

    static AmiConfig fromEnvironment() {
        AmiConfig.Rule defaultRule = AmiConfig.Rule.answer("",
                Duration.ofMillis(Long.parseLong(setting("TRUNKLINE_AMI_RING_MS", "1500"))),
                Duration.ofMillis(Long.parseLong(setting("TRUNKLINE_AMI_TALK_MS", "10000"))));
        String spool = setting("TRUNKLINE_AMI_SPOOL_DIR", "");
        return AmiConfig.defaults()
                .withPort(Integer.parseInt(setting("TRUNKLINE_AMI_PORT", "5038")))
                .withCredentials(setting("TRUNKLINE_AMI_USER", AmiConfig.DEFAULT_USER),
                        setting("TRUNKLINE_AMI_SECRET", AmiConfig.DEFAULT_SECRET))
                .withDefaultRule(defaultRule)
                .withRules(AmiConfig.Rule.parseList(setting("TRUNKLINE_AMI_RULES", ""), defaultRule))
                .withSpool(spool.isEmpty() ? null : Path.of(spool),
                        Duration.ofMillis(Long.parseLong(setting("TRUNKLINE_AMI_SPOOL_POLL_MS", "1000"))));
    }

    static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
