package io.trunkline.sandbox.modem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How one simulated modem behaves.
 *
 * @param name         label used in logs and by {@link ModemMain}
 * @param simNumber    the SIM's own number (inbound messages are addressed to it)
 * @param smsc         the SMSC number the SIM carries (shown by AT+CSCA?, put in front of delivered PDUs)
 * @param pin          SIM PIN, or null for a SIM without PIN lock
 * @param simInserted  false: AT+CPIN? answers +CME ERROR: 10 and SMS commands +CMS ERROR: 310
 * @param registered   false: AT+CREG? says searching and AT+CMGS fails with +CMS ERROR: 331
 * @param sendDelay    how long a CMGS takes from Ctrl-Z to +CMGS (real modems: 1-5 s)
 * @param reportDelay  how long after +CMGS the status report comes, when one was requested
 * @param signal       the AT+CSQ rssi (0..31, 99 unknown)
 * @param rules        outcomes by destination prefix; the first match wins, no match means delivered
 * @param vendorChatter true: vendor codes (ZTE +ZPASR/+ZDONR) arrive in the middle of every CMGS, as on real ZTE sticks
 */
public record ModemConfig(String name, String simNumber, String smsc, String pin, boolean simInserted,
        boolean registered, Duration sendDelay, Duration reportDelay, int signal, List<Rule> rules,
        boolean vendorChatter) {

    public static final Duration DEFAULT_SEND_DELAY = Duration.ofMillis(2000);
    public static final Duration DEFAULT_REPORT_DELAY = Duration.ofMillis(1000);

    public ModemConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(simNumber, "simNumber");
        Objects.requireNonNull(sendDelay, "sendDelay");
        Objects.requireNonNull(reportDelay, "reportDelay");
        rules = List.copyOf(rules == null ? List.of() : rules);
    }

    public static ModemConfig of(String name, String simNumber) {
        return new ModemConfig(name, simNumber, "+61400000999", null, true, true, DEFAULT_SEND_DELAY,
                DEFAULT_REPORT_DELAY, 21, List.of(), false);
    }

    public ModemConfig withDelays(Duration send, Duration report) {
        return new ModemConfig(name, simNumber, smsc, pin, simInserted, registered, send, report, signal, rules,
                vendorChatter);
    }

    public ModemConfig withPin(String p) {
        return new ModemConfig(name, simNumber, smsc, p, simInserted, registered, sendDelay, reportDelay, signal,
                rules, vendorChatter);
    }

    public ModemConfig withRules(List<Rule> r) {
        return new ModemConfig(name, simNumber, smsc, pin, simInserted, registered, sendDelay, reportDelay, signal, r,
                vendorChatter);
    }

    public ModemConfig withVendorChatter(boolean chatter) {
        return new ModemConfig(name, simNumber, smsc, pin, simInserted, registered, sendDelay, reportDelay, signal,
                rules, chatter);
    }

    public ModemConfig withSim(boolean inserted, boolean reg) {
        return new ModemConfig(name, simNumber, smsc, pin, inserted, reg, sendDelay, reportDelay, signal, rules,
                vendorChatter);
    }

    /** What happens to a message whose destination starts with {@code prefix}. */
    public record Rule(String prefix, Outcome outcome, int code) {
        public enum Outcome {
            /** AT+CMGS ends with {@code +CMS ERROR: <code>}. */
            CMS_ERROR,
            /** Sent (+CMGS), then a status report with TP-ST {@code code} (default 0x41, incompatible destination). */
            UNDELIVERABLE
        }

        public static Rule cmsError(String prefix, int code) {
            return new Rule(prefix, Outcome.CMS_ERROR, code);
        }

        public static Rule undeliverable(String prefix) {
            return new Rule(prefix, Outcome.UNDELIVERABLE, 0x41);
        }

        /** {@code +61499=UNDELIVERABLE,+61498=CMS:28}. */
        public static List<Rule> parseList(String spec) {
            List<Rule> out = new ArrayList<>();
            if (spec == null || spec.isBlank()) {
                return out;
            }
            for (String item : spec.split(",")) {
                String[] kv = item.trim().split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("rule '" + item + "' is not prefix=OUTCOME");
                }
                String v = kv[1].trim().toUpperCase(Locale.ROOT);
                if (v.equals("UNDELIVERABLE")) {
                    out.add(undeliverable(kv[0].trim()));
                } else if (v.startsWith("CMS:")) {
                    out.add(cmsError(kv[0].trim(), Integer.parseInt(v.substring(4))));
                } else {
                    throw new IllegalArgumentException("unknown outcome '" + kv[1] + "' (UNDELIVERABLE or CMS:<code>)");
                }
            }
            return out;
        }
    }
}
