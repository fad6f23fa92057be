package io.trunkline.gsm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trunkline.sandbox.modem.ModemBank;
import io.trunkline.sandbox.modem.ModemConfig;

/**
 * Simulated modems on real socat pty pairs in the test JVM, each configured as the service port named like its modem,
 * with short timings so tests stay fast. Subclasses say which modems and which extra settings.
 */
abstract class ModemBankResource implements QuarkusTestResourceLifecycleManager {
    private ModemBank bank;
    private Path dir;

    /** The modems to start, in port order. */
    protected abstract List<ModemConfig> modemConfigs();

    /** Called once the modems run and before the service starts (e.g. to put messages on a SIM). */
    protected void started(ModemBank bank) throws IOException {
    }

    /** Settings beyond each port's device and SIM number and the common timings. */
    protected void configure(Map<String, String> config) {
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("gsm-modems");
            bank = ModemBank.start(dir, modemConfigs());
            started(bank);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the modem stand-ins (is socat installed?)", e);
        }
        Map<String, String> c = new HashMap<>();
        for (int i = 0; i < bank.modems().size(); i++) {
            String p = "trunkline.gsm.ports." + bank.modem(i).config().name() + ".";
            c.put(p + "device", bank.devices().get(i).toString());
            c.put(p + "sim-number", bank.modem(i).config().simNumber());
        }
        c.put("trunkline.gsm.health-interval", "1s");
        c.put("trunkline.gsm.command-timeout", "1500ms");
        c.put("trunkline.gsm.send-timeout", "5s");
        c.put("trunkline.gsm.reconnect-interval", "1s");
        c.put("trunkline.gsm.idle-poll", "100ms");
        configure(c);
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
            // a temp dir; the OS cleans it
        }
    }
}
