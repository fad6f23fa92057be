package io.trunkline.gsm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trunkline.sandbox.modem.ModemBank;
import io.trunkline.sandbox.modem.ModemConfig;
import io.trunkline.sandbox.modem.SimulatedModem;

/**
 * Four simulated modems on real socat pty pairs, with sticky destinations on: {@code q0} (fast, at most
 * {@link #PER_MINUTE_CAP} parts per minute), {@code q1} (fast, at most {@link #DAILY_CAP} parts per UTC day), and
 * {@code q2}, {@code q3} (slower, uncapped). The capped SIMs are the fast ones, so without their caps they would
 * take most of the traffic.
 */
public class CappedModemsResource implements QuarkusTestResourceLifecycleManager {
    public static final int PER_MINUTE_CAP = 2;
    public static final int DAILY_CAP = 3;
    private static volatile ModemBank bank;
    private Path dir;

    public static SimulatedModem modem(int i) {
        return bank.modem(i);
    }

    public static List<SimulatedModem> modems() {
        return bank.modems();
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("gsm-capped-modems");
            Duration fast = Duration.ofMillis(100);
            Duration slow = Duration.ofMillis(400);
            Duration report = Duration.ofMillis(200);
            bank = ModemBank.start(dir, List.of(
                    ModemConfig.of("q0", "+61400000200").withDelays(fast, report),
                    ModemConfig.of("q1", "+61400000201").withDelays(fast, report),
                    ModemConfig.of("q2", "+61400000202").withDelays(slow, report),
                    ModemConfig.of("q3", "+61400000203").withDelays(slow, report)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the modem stand-ins (is socat installed?)", e);
        }
        Map<String, String> c = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            String p = "trunkline.gsm.ports.q" + i + ".";
            c.put(p + "device", bank.devices().get(i).toString());
            c.put(p + "sim-number", bank.modem(i).config().simNumber());
        }
        c.put("trunkline.gsm.ports.q0.per-minute-cap", String.valueOf(PER_MINUTE_CAP));
        c.put("trunkline.gsm.ports.q1.daily-cap", String.valueOf(DAILY_CAP));
        c.put("trunkline.gsm.sticky-destinations", "true");
        c.put("trunkline.gsm.health-interval", "1s");
        c.put("trunkline.gsm.command-timeout", "1500ms");
        c.put("trunkline.gsm.send-timeout", "5s");
        c.put("trunkline.gsm.reconnect-interval", "1s");
        c.put("trunkline.gsm.idle-poll", "100ms");
        return c;
    }

    @Override
    public void stop() {
        if (bank != null) {
            bank.close();
            bank = null;
        }
        try {
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException ignored) {
            // temp dir
        }
    }
}
