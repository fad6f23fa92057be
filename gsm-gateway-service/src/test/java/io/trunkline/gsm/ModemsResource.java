package io.trunkline.gsm;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.trunkline.sandbox.modem.ModemBank;
import io.trunkline.sandbox.modem.ModemConfig;
import io.trunkline.sandbox.modem.SimulatedModem;

/**
 * Two simulated modems on real socat pty pairs, in the test JVM, configured as ports {@code m0} and {@code m1}.
 * Destinations +61498… are refused by both (+CMS ERROR: 28, unidentified subscriber), +61496… by both with a
 * transient +CMS ERROR: 42 (congestion), +61497… with 42 by m0 only, and +61499… are sent but undeliverable. Before
 * the service starts, m1 already holds one message on its SIM ({@link #WAITING_TEXT}).
 */
public class ModemsResource extends ModemBankResource {
    public static final String REFUSED = "+61498";
    public static final String CONGESTED = "+61496";
    public static final String CONGESTED_ON_M0 = "+61497";
    public static final String UNDELIVERABLE = "+61499";
    public static final String WAITING_TEXT = "Sent while the gateway was down";
    public static final String WAITING_FROM = "+61455500001";
    private static volatile ModemBank bank;

    public static ModemBank bank() {
        return bank;
    }

    public static SimulatedModem modem(int i) {
        return bank.modem(i);
    }

    @Override
    protected List<ModemConfig> modemConfigs() {
        Duration send = Duration.ofMillis(250);
        Duration report = Duration.ofMillis(200);
        List<ModemConfig.Rule> common = List.of(ModemConfig.Rule.cmsError(REFUSED, 28),
                ModemConfig.Rule.cmsError(CONGESTED, 42), ModemConfig.Rule.undeliverable(UNDELIVERABLE));
        List<ModemConfig.Rule> m0Rules = new java.util.ArrayList<>(common);
        m0Rules.add(ModemConfig.Rule.cmsError(CONGESTED_ON_M0, 42));
        return List.of(
                ModemConfig.of("m0", "+61400000100").withDelays(send, report).withRules(m0Rules).withVendorChatter(true),
                ModemConfig.of("m1", "+61400000101").withDelays(send, report).withRules(common).withPin("4321"));
    }

    @Override
    protected void started(ModemBank started) throws IOException {
        bank = started;
        started.modem(1).receivePdus(List.of());
        started.modem(1).storeMessage(0, started.modem(1).deliverPdus(WAITING_FROM, WAITING_TEXT).get(0));
    }

    @Override
    protected void configure(Map<String, String> c) {
        c.put("trunkline.gsm.ports.m0.label", "slot 1");
        c.put("trunkline.gsm.ports.m1.label", "slot 2");
        c.put("trunkline.gsm.ports.m1.pin", "4321");
    }
}
