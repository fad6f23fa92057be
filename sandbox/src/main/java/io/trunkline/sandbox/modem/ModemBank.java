package io.trunkline.sandbox.modem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several simulated modems, each on its own socat pty pair under one directory: {@code <dir>/<name>} is the device
 * the service opens, {@code <dir>/<name>.modem} the side the stand-in holds. {@link #close()} stops the modems and
 * the socat processes.
 */
public final class ModemBank implements AutoCloseable {
    private final List<SocatPair> pairs = new ArrayList<>();
    private final List<SimulatedModem> modems = new ArrayList<>();

    private ModemBank() {
    }

    public static ModemBank start(Path dir, List<ModemConfig> configs) throws IOException {
        ModemBank bank = new ModemBank();
        try {
            for (ModemConfig c : configs) {
                SocatPair pair = SocatPair.start(dir.resolve(c.name()), dir.resolve(c.name() + ".modem"));
                bank.pairs.add(pair);
                bank.modems.add(SimulatedModem.start(c, pair.modemSide()));
            }
        } catch (IOException | RuntimeException e) {
            bank.close();
            throw e;
        }
        return bank;
    }

    public List<SimulatedModem> modems() {
        return List.copyOf(modems);
    }

    public SimulatedModem modem(int i) {
        return modems.get(i);
    }

    /** The device paths the service opens, in modem order. */
    public List<Path> devices() {
        return pairs.stream().map(SocatPair::hostSide).toList();
    }

    @Override
    public void close() {
        modems.forEach(SimulatedModem::close);
        pairs.forEach(SocatPair::close);
    }
}
