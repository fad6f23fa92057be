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
 * Two simulated modems on real socat pty pairs, in the test JVM, configured as ports {@code m0} and {@code m1}.
 * Destinations +61498… are refused by both (+CMS ERROR: 28, unidentified subscriber), +61496… by both with a
 * transient +CMS ERROR: 42 (congestion), +61497… with 42 by m0 only, and +61499… are sent but undeliverable. Before
 * the service starts, m1 already holds one message on its SIM ({@link #WAITING_TEXT}).
 */
public class ModemsResource implements QuarkusTestResourceLifecycleManager {
    public static final String REFUSED = "+61498";
    public static final String CONGESTED = "+61496";
    public static final String CONGESTED_ON_M0 = "+61497";
    public static final String UNDELIVERABLE = "+61499";
    public static final String WAITING_TEXT = "Sent while the gateway was down";
    public static final String WAITING_FROM = "+61455500001";
    private static volatile ModemBank bank;
    private Path dir;

    public static ModemBank bank() {
        return bank;
    }

    public static SimulatedModem modem(int i) {
        return bank.modem(i);
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("gsm-modems");
            Duration send = Duration.ofMillis(250);
            Duration report = Duration.ofMillis(200);
            List<ModemConfig.Rule> common = List.of(ModemConfig.Rule.cmsError(REFUSED, 28),
                    ModemConfig.Rule.cmsError(CONGESTED, 42), ModemConfig.Rule.undeliverable(UNDELIVERABLE));
            List<ModemConfig.Rule> m0Rules = new java.util.ArrayList<>(common);
            m0Rules.add(ModemConfig.Rule.cmsError(CONGESTED_ON_M0, 42));
            bank = ModemBank.start(dir, List.of(
                    ModemConfig.of("m0", "+61400000100").withDelays(send, report).withRules(m0Rules)
                            .withVendorChatter(true),
                    ModemConfig.of("m1", "+61400000101").withDelays(send, report).withRules(common).withPin("4321")));
            bank.modem(1).receivePdus(List.of());
            bank.modem(1).storeMessage(0, bank.modem(1).deliverPdus(WAITING_FROM, WAITING_TEXT).get(0));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the modem stand-ins (is socat installed?)", e);
        }
        Map<String, String> c = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            String p = "trunkline.gsm.ports.m" + i + ".";
            c.put(p + "device", bank.devices().get(i).toString());
            c.put(p + "sim-number", bank.modem(i).config().simNumber());
            c.put(p + "label", "slot " + (i + 1));
        }
        c.put("trunkline.gsm.ports.m1.pin", "4321");
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
