package io.trunkline.sandbox.smsc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the sandbox SMSC behaves.
 *
 * @param port                TCP port to listen on; 0 picks a free one (see {@link SandboxSmsc#port()})
 * @param systemId            the only system_id a bind is accepted for (else ESME_RINVSYSID)
 * @param password            its password (else ESME_RINVPASWD)
 * @param receiptDelay        how long after submit_sm_resp the delivery receipt is sent
 * @param rules               outcomes by destination prefix; the first matching rule wins, no match means delivered
 * @param maxSubmitsPerSecond submits accepted in any one-second window before ESME_RTHROTTLED; 0 means unlimited
 */
public record SmscConfig(int port, String systemId, String password, Duration receiptDelay, List<Rule> rules,
        int maxSubmitsPerSecond) {

    public static final String DEFAULT_SYSTEM_ID = "trunkline";
    public static final String DEFAULT_PASSWORD = "secret";
    public static final Duration DEFAULT_RECEIPT_DELAY = Duration.ofMillis(300);

    public SmscConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(receiptDelay, "receiptDelay");
        if (receiptDelay.isNegative()) {
            throw new IllegalArgumentException("receiptDelay must not be negative");
        }
        rules = List.copyOf(rules == null ? List.of() : rules);
        if (maxSubmitsPerSecond < 0) {
            throw new IllegalArgumentException("maxSubmitsPerSecond must not be negative");
        }
    }

    /** Random port, {@code trunkline}/{@code secret}, receipts after 300 ms, everything delivered, no throttling. */
    public static SmscConfig defaults() {
        return new SmscConfig(0, DEFAULT_SYSTEM_ID, DEFAULT_PASSWORD, DEFAULT_RECEIPT_DELAY, List.of(), 0);
    }

    public SmscConfig withPort(int newPort) {
        return new SmscConfig(newPort, systemId, password, receiptDelay, rules, maxSubmitsPerSecond);
    }

    public SmscConfig withCredentials(String newSystemId, String newPassword) {
        return new SmscConfig(port, newSystemId, newPassword, receiptDelay, rules, maxSubmitsPerSecond);
    }

    public SmscConfig withReceiptDelay(Duration delay) {
        return new SmscConfig(port, systemId, password, delay, rules, maxSubmitsPerSecond);
    }

    public SmscConfig withRules(Rule... newRules) {
        return new SmscConfig(port, systemId, password, receiptDelay, List.of(newRules), maxSubmitsPerSecond);
    }

    public SmscConfig withRules(List<Rule> newRules) {
        return new SmscConfig(port, systemId, password, receiptDelay, newRules, maxSubmitsPerSecond);
    }

    public SmscConfig withMaxSubmitsPerSecond(int max) {
        return new SmscConfig(port, systemId, password, receiptDelay, rules, max);
    }

    /** The first rule whose prefix the destination starts with (a leading {@code +} is ignored on both sides). */
    public Optional<Rule> ruleFor(String destination) {
        String dest = stripPlus(destination == null ? "" : destination);
        return rules.stream().filter(r -> dest.startsWith(stripPlus(r.destinationPrefix()))).findFirst();
    }

    static String stripPlus(String s) {
        return s.startsWith("+") ? s.substring(1) : s;
    }

    /**
     * What happens to a submit whose destination starts with {@code destinationPrefix}.
     *
     * @param submitStatus  command_status of the submit_sm_resp; non-zero rejects the submit (no message id, no receipt)
     * @param stat          the receipt's {@code stat:} word (DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, UNKNOWN, ...)
     * @param err           the receipt's {@code err:} field (three characters)
     * @param sendReceipt   false: accept the submit but never send a receipt
     * @param responseDelay how long to hold the submit_sm_resp back (to provoke a client's response timeout)
     */
    public record Rule(String destinationPrefix, int submitStatus, String stat, String err, boolean sendReceipt,
            Duration responseDelay) {

        public Rule {
            Objects.requireNonNull(destinationPrefix, "destinationPrefix");
            Objects.requireNonNull(stat, "stat");
            Objects.requireNonNull(err, "err");
            Objects.requireNonNull(responseDelay, "responseDelay");
            if (ReceiptStates.messageState(stat) < 0) {
                throw new IllegalArgumentException("unknown receipt stat " + stat);
            }
        }

        /** Accepted, then a receipt {@code stat:UNDELIV err:001}. */
        public static Rule undeliverable(String prefix) {
            return receipt(prefix, "UNDELIV", "001");
        }

        /** Accepted, then a receipt with this stat word and error. */
        public static Rule receipt(String prefix, String stat, String err) {
            return new Rule(prefix, 0, stat, err, true, Duration.ZERO);
        }

        /** submit_sm_resp ESME_RSUBMITFAIL (0x45). */
        public static Rule rejectSubmit(String prefix) {
            return rejectSubmit(prefix, SmppStatus.ESME_RSUBMITFAIL);
        }

        /** submit_sm_resp with this command_status. */
        public static Rule rejectSubmit(String prefix, int commandStatus) {
            if (commandStatus == 0) {
                throw new IllegalArgumentException("a rejecting rule needs a non-zero command_status");
            }
            return new Rule(prefix, commandStatus, "DELIVRD", "000", false, Duration.ZERO);
        }

        /** Accepted; no receipt ever comes. */
        public static Rule noReceipt(String prefix) {
            return new Rule(prefix, 0, "DELIVRD", "000", false, Duration.ZERO);
        }

        /** Accepted and delivered, but the submit_sm_resp is held back this long. */
        public static Rule slowResponse(String prefix, Duration delay) {
            return new Rule(prefix, 0, "DELIVRD", "000", true, delay);
        }

        /**
         * Parses {@code PREFIX=ACTION[,PREFIX=ACTION...]}, ACTION one of a receipt stat word (DELIVRD, UNDELIV, EXPIRED,
         * REJECTD, DELETED, UNKNOWN; err 001 unless DELIVRD), {@code SUBMITFAIL}, {@code THROTTLED}, {@code NORECEIPT},
         * or {@code SLOW<millis>}. Example: {@code 61400000=UNDELIV,61400001=SUBMITFAIL}.
         */
        public static List<Rule> parseList(String spec) {
            List<Rule> rules = new ArrayList<>();
            if (spec == null || spec.isBlank()) {
                return rules;
            }
            for (String item : spec.split(",")) {
                String[] kv = item.trim().split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new IllegalArgumentException("rule must be PREFIX=ACTION: " + item);
                }
                String prefix = kv[0].trim();
                String action = kv[1].trim().toUpperCase(Locale.ROOT);
                if (action.equals("SUBMITFAIL")) {
                    rules.add(rejectSubmit(prefix));
                } else if (action.equals("THROTTLED")) {
                    rules.add(rejectSubmit(prefix, SmppStatus.ESME_RTHROTTLED));
                } else if (action.equals("NORECEIPT")) {
                    rules.add(noReceipt(prefix));
                } else if (action.startsWith("SLOW")) {
                    rules.add(slowResponse(prefix, Duration.ofMillis(Long.parseLong(action.substring(4)))));
                } else {
                    rules.add(receipt(prefix, action, action.equals("DELIVRD") ? "000" : "001"));
                }
            }
            return rules;
        }
    }
}
