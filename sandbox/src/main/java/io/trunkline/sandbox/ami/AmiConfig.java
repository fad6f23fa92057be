package io.trunkline.sandbox.ami;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the sandbox Asterisk (AMI server + call-file spool) behaves.
 *
 * @param port          TCP port to listen on; 0 picks a free one (see {@link SandboxAmi#port()})
 * @param username      the manager user ({@code manager.conf} section name)
 * @param secret        its secret: plain {@code Secret:} or MD5 {@code Key:} after {@code Challenge}
 * @param amiVersion    the version in the banner {@code Asterisk Call Manager/<amiVersion>} (Asterisk 22 says 11.0.0)
 * @param asteriskVersion what {@code CoreSettings} reports as AsteriskVersion
 * @param rules         outcomes by dialled number (exact or prefix, first match wins)
 * @param defaultRule   the outcome when no rule matches
 * @param spoolDir      the spool directory (its {@code outgoing/} and {@code outgoing_done/} are used); null: no spool
 * @param spoolPoll     how often {@code outgoing/} is scanned
 * @param techs         channel technologies that are "loaded"; an Originate with another fails with Reason 0
 */
public record AmiConfig(int port, String username, String secret, String amiVersion, String asteriskVersion,
        List<Rule> rules, Rule defaultRule, Path spoolDir, Duration spoolPoll, Set<String> techs) {

    public static final String DEFAULT_USER = "trunkline";
    public static final String DEFAULT_SECRET = "secret";

    public AmiConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(defaultRule, "defaultRule");
        rules = List.copyOf(rules == null ? List.of() : rules);
        spoolPoll = spoolPoll == null ? Duration.ofSeconds(1) : spoolPoll;
        techs = techs == null ? Set.of("Local", "PJSIP", "SIP", "DAHDI", "IAX2") : Set.copyOf(techs);
        amiVersion = amiVersion == null ? "11.0.0" : amiVersion;
        asteriskVersion = asteriskVersion == null ? "22.10.1" : asteriskVersion;
    }

    /**
     * Random port, {@code trunkline}/{@code secret}, every number answers after 1 s and hangs up after 3 s, except the
     * dialplan names of the conformance captures ({@code busy}, {@code noanswer}, {@code congestion}, {@code reject},
     * {@code doesnotexist}); no spool.
     */
    public static AmiConfig defaults() {
        return new AmiConfig(0, DEFAULT_USER, DEFAULT_SECRET, null, null, captureRules(),
                Rule.answer("", Duration.ofSeconds(1), Duration.ofSeconds(3)), null, null, null);
    }

    /** The extensions of the capture dialplan ({@code sim} context), as exact rules. */
    public static List<Rule> captureRules() {
        return List.of(new Rule("busy", Outcome.BUSY, Duration.ofMillis(10), Duration.ZERO, true),
                new Rule("noanswer", Outcome.NO_ANSWER, Duration.ZERO, Duration.ZERO, true),
                new Rule("congestion", Outcome.CONGESTION, Duration.ofMillis(10), Duration.ZERO, true),
                new Rule("reject", Outcome.REJECT, Duration.ofMillis(10), Duration.ZERO, true),
                new Rule("doesnotexist", Outcome.UNKNOWN_EXTENSION, Duration.ZERO, Duration.ZERO, true));
    }

    public AmiConfig withPort(int newPort) {
        return new AmiConfig(newPort, username, secret, amiVersion, asteriskVersion, rules, defaultRule, spoolDir,
                spoolPoll, techs);
    }

    public AmiConfig withCredentials(String user, String pass) {
        return new AmiConfig(port, user, pass, amiVersion, asteriskVersion, rules, defaultRule, spoolDir, spoolPoll,
                techs);
    }

    /** These rules first, then the capture rules. */
    public AmiConfig withRules(List<Rule> newRules) {
        List<Rule> all = new ArrayList<>(newRules);
        all.addAll(captureRules());
        return new AmiConfig(port, username, secret, amiVersion, asteriskVersion, all, defaultRule, spoolDir,
                spoolPoll, techs);
    }

    public AmiConfig withDefaultRule(Rule rule) {
        return new AmiConfig(port, username, secret, amiVersion, asteriskVersion, rules, rule, spoolDir, spoolPoll,
                techs);
    }

    public AmiConfig withSpool(Path dir, Duration poll) {
        return new AmiConfig(port, username, secret, amiVersion, asteriskVersion, rules, defaultRule, dir, poll,
                techs);
    }

    /** The rule for a dialled number: exact match first, then the longest matching prefix, else the default. */
    public Rule ruleFor(String number) {
        String n = strip(number == null ? "" : number);
        Rule best = null;
        for (Rule r : rules) {
            String p = strip(r.number());
            if (r.exact() ? n.equals(p) : n.startsWith(p)) {
                if (r.exact()) {
                    return r;
                }
                if (best == null || p.length() > strip(best.number()).length()) {
                    best = r;
                }
            }
        }
        return best != null ? best : defaultRule;
    }

    private static String strip(String s) {
        return s.startsWith("+") ? s.substring(1) : s;
    }

    /** What the far end does. */
    public enum Outcome {
        /** rings for {@code ring}, answers, talks for {@code talk} and hangs up (cause 16, Reason 4) */
        ANSWER,
        /** user busy after {@code ring}: cause 17, Reason 5 */
        BUSY,
        /** rings until the Originate's Timeout (or WaitTime): cause 19, Reason 3 */
        NO_ANSWER,
        /** circuit congestion after {@code ring}: cause 34, Reason 8 */
        CONGESTION,
        /** Hangup(21) before answer: cause 21, Reason 0 */
        REJECT,
        /** no such extension: cause 0, Reason 0 */
        UNKNOWN_EXTENSION
    }

    /**
     * @param number dialled number (prefix unless {@code exact}); a leading + is ignored
     * @param ring   time until the far end answers or refuses
     * @param talk   time from answer to hang-up (ANSWER only)
     */
    public record Rule(String number, Outcome outcome, Duration ring, Duration talk, boolean exact) {
        public Rule {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(outcome, "outcome");
            ring = ring == null ? Duration.ZERO : ring;
            talk = talk == null ? Duration.ZERO : talk;
        }

        public static Rule answer(String prefix, Duration ring, Duration talk) {
            return new Rule(prefix, Outcome.ANSWER, ring, talk, false);
        }

        public static Rule of(String prefix, Outcome outcome) {
            return new Rule(prefix, outcome, Duration.ofMillis(50), Duration.ZERO, false);
        }

        /**
         * Parses {@code NUMBER=OUTCOME[,...]}: OUTCOME is {@code ANSWER[:ringMs[:talkMs]]}, {@code BUSY[:ms]},
         * {@code NOANSWER}, {@code CONGESTION[:ms]}, {@code REJECT[:ms]} or {@code UNKNOWN}. NUMBER is a prefix.
         * Example: {@code +2782000=BUSY,+2783=NOANSWER,+2786=ANSWER:2000:10000}.
         */
        public static List<Rule> parseList(String spec, Rule defaults) {
            List<Rule> out = new ArrayList<>();
            if (spec == null || spec.isBlank()) {
                return out;
            }
            for (String item : spec.split(",")) {
                String[] kv = item.trim().split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new IllegalArgumentException("rule must be NUMBER=OUTCOME: " + item);
                }
                out.add(parse(kv[0].trim(), kv[1].trim(), defaults));
            }
            return out;
        }

        static Rule parse(String number, String spec, Rule defaults) {
            String[] p = spec.split(":");
            String word = p[0].toUpperCase(Locale.ROOT);
            Duration ring = p.length > 1 ? Duration.ofMillis(Long.parseLong(p[1])) : null;
            Duration talk = p.length > 2 ? Duration.ofMillis(Long.parseLong(p[2])) : null;
            return switch (word) {
                case "ANSWER" -> new Rule(number, Outcome.ANSWER, ring != null ? ring : defaults.ring(),
                        talk != null ? talk : defaults.talk(), false);
                case "BUSY" -> new Rule(number, Outcome.BUSY, ring != null ? ring : Duration.ofMillis(50), null, false);
                case "NOANSWER", "NO_ANSWER" -> new Rule(number, Outcome.NO_ANSWER, null, null, false);
                case "CONGESTION" -> new Rule(number, Outcome.CONGESTION, ring != null ? ring : Duration.ofMillis(50),
                        null, false);
                case "REJECT" -> new Rule(number, Outcome.REJECT, ring != null ? ring : Duration.ofMillis(50), null,
                        false);
                case "UNKNOWN", "UNKNOWN_EXTENSION" -> new Rule(number, Outcome.UNKNOWN_EXTENSION, null, null, false);
                default -> throw new IllegalArgumentException("unknown outcome " + spec);
            };
        }
    }
}
