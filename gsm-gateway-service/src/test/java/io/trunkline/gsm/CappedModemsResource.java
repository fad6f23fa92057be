package io.trunkline.gsm;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.trunkline.sandbox.modem.ModemBank;
import io.trunkline.sandbox.modem.ModemConfig;
import io.trunkline.sandbox.modem.SimulatedModem;

/**
 * Four simulated modems on real socat pty pairs, with sticky destinations on: {@code q0} (fast, at most
 * {@link #PER_MINUTE_CAP} parts per minute), {@code q1} (fast, at most {@link #DAILY_CAP} parts per UTC day), and
 * {@code q2}, {@code q3} (slower, uncapped). The capped SIMs are the fast ones, so without their caps they would
 * take most of the traffic.
 */
public class CappedModemsResource extends ModemBankResource {
    public static final int PER_MINUTE_CAP = 2;
    public static final int DAILY_CAP = 3;
    private static volatile ModemBank bank;

    public static SimulatedModem modem(int i) {
        return bank.modem(i);
    }

    public static List<SimulatedModem> modems() {
        return bank.modems();
    }

    @Override
    protected List<ModemConfig> modemConfigs() {
        Duration fast = Duration.ofMillis(100);
        Duration slow = Duration.ofMillis(400);
        Duration report = Duration.ofMillis(200);
        return List.of(
                ModemConfig.of("q0", "+61400000200").withDelays(fast, report),
                ModemConfig.of("q1", "+61400000201").withDelays(fast, report),
                ModemConfig.of("q2", "+61400000202").withDelays(slow, report),
                ModemConfig.of("q3", "+61400000203").withDelays(slow, report));
    }

    @Override
    protected void started(ModemBank started) {
        bank = started;
    }

    @Override
    protected void configure(Map<String, String> c) {
        c.put("trunkline.gsm.ports.q0.per-minute-cap", String.valueOf(PER_MINUTE_CAP));
        c.put("trunkline.gsm.ports.q1.daily-cap", String.valueOf(DAILY_CAP));
        c.put("trunkline.gsm.sticky-destinations", "true");
    }
}
