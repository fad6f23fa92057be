package io.trunkline.sandbox.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed Asterisk call file, with the defaults and rules of {@code pbx_spool.c} (see
 * ../shared/conformance/callfile-format.txt): keys case-insensitive, {@code #} comments at line start or after
 * space/tab, {@code ;} comments unless escaped, Channel {@code Tech/Dest} split at the first "/", Application or
 * Extension required.
 */
public record CallFile(String tech, String dest, String callerId, String application, String data, String context,
        String extension, int priority, int maxRetries, int retryTime, int waitTime, List<String[]> variables,
        String account, boolean alwaysDelete, boolean archive, List<String> warnings) {

    /** A file Asterisk rejects ("Invalid file contents ... deleting"). */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    public String channel() {
        return tech + "/" + dest;
    }

    public static CallFile parse(String text) throws Invalid {
        String tech = null;
        String dest = null;
        String callerId = null;
        String app = null;
        String data = null;
        String context = null;
        String exten = null;
        int priority = 1;
        int maxRetries = 0;
        int retryTime = 300;
        int waitTime = 45;
        String account = null;
        boolean alwaysDelete = true;
        boolean archive = false;
        List<String[]> vars = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComments(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                warnings.add("NOTICE Syntax error at line " + lineNo);
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "channel" -> {
                    int slash = value.indexOf('/');
                    if (slash < 0) {
                        warnings.add("NOTICE Channel should be in form Tech/Dest at line " + lineNo);
                    } else {
                        tech = value.substring(0, slash);
                        dest = value.substring(slash + 1);
                    }
                }
                case "callerid" -> callerId = value;
                case "application" -> app = value;
                case "data" -> data = value;
                case "context" -> context = value;
                case "extension" -> exten = value;
                case "priority" -> {
                    priority = parseInt(value, 1);
                    if (priority < 1) {
                        warnings.add("WARNING Invalid priority at line " + lineNo);
                        priority = 1;
                    }
                }
                case "maxretries" -> maxRetries = Math.max(0, parseInt(value, 0));
                case "retrytime" -> {
                    retryTime = parseInt(value, 300);
                    if (retryTime < 1) {
                        retryTime = 300;
                    }
                }
                case "waittime" -> {
                    waitTime = parseInt(value, 45);
                    if (waitTime < 1) {
                        waitTime = 45;
                    }
                }
                case "set", "setvar" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        warnings.add("WARNING Malformed \"Set\" argument at line " + lineNo);
                    } else {
                        vars.add(new String[] {value.substring(0, eq), value.substring(eq + 1)});
                    }
                }
                case "account" -> account = value;
                case "alwaysdelete" -> alwaysDelete = isTrue(value);
                case "archive" -> archive = isTrue(value);
                case "codecs", "early_media", "retry", "startretry", "endretry", "abortretry", "delayedretry",
                        "status" -> {
                    // accepted; bookkeeping lines are Asterisk's own
                }
                default -> warnings.add("WARNING Unknown keyword '" + line.substring(0, colon).trim() + "' at line "
                        + lineNo);
            }
        }
        if (tech == null || dest == null || (app == null && exten == null)) {
            throw new Invalid("At least one of app or extension must be specified, along with tech and dest");
        }
        return new CallFile(tech, dest, callerId, app, data, context, exten, priority, maxRetries, retryTime, waitTime,
                List.copyOf(vars), account, alwaysDelete, archive, List.copyOf(warnings));
    }

    /** Asterisk's ast_true: yes, true, y, t, 1, on. */
    static boolean isTrue(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("yes") || s.equals("true") || s.equals("y") || s.equals("t") || s.equals("1")
                || s.equals("on");
    }

    private static int parseInt(String v, int fallback) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** "#" at line start or after a space/tab; ";" anywhere unless escaped as "\;". */
    static String stripComments(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == ';') {
                sb.append(';');
                i++;
                continue;
            }
            if (c == ';') {
                break;
            }
            if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                break;
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
