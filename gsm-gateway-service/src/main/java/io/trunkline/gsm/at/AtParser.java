package io.trunkline.gsm.at;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the byte stream from a modem into events: information lines of the pending command, its final result,
 * the {@code "> "} prompt of {@code AT+CMGS}, and unsolicited result codes, which may arrive at any time, also in
 * the middle of a command's answer (TS 27.007 / 27.005). Not thread-safe: one reader thread feeds it.
 */
public final class AtParser {
    /** What the parser found; called on the feeding thread. */
    public interface Listener {
        void info(String line);

        void finalResult(FinalResult result, int code);

        void prompt();

        void unsolicited(Unsolicited u);
    }

    private static final Pattern COMMAND_PREFIX = Pattern.compile("^AT(\\+[A-Z]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MEM_INDEX = Pattern.compile("^\\s*\"?([A-Za-z]*)\"?\\s*,\\s*(\\d+)\\s*$");

    private final Listener listener;
    private final StringBuilder line = new StringBuilder(256);
    private volatile boolean pending;
    private volatile String pendingCommand;
    private volatile String pendingPrefix;
    private Unsolicited awaitingPdu;

    public AtParser(Listener listener) {
        this.listener = listener;
    }

    /** The host sent a command line (without CR); its answer lines are now expected. */
    public void commandSent(String command) {
        pendingCommand = command.trim();
        Matcher m = COMMAND_PREFIX.matcher(pendingCommand);
        pendingPrefix = m.find() ? m.group(1).toUpperCase() : null;
        pending = true;
    }

    /** The pending command was given up (a timeout): later lines are no longer its answer. */
    public void commandAbandoned() {
        pending = false;
    }

    public void feed(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            feed(bytes[i]);
        }
    }

    public void feed(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        feed(b, b.length);
    }

    public void feed(byte b) {
        char c = (char) (b & 0xFF);
        if (c == '\r' || c == '\n') {
            if (!line.isEmpty()) {
                String l = line.toString();
                line.setLength(0);
                handle(l);
            }
            return;
        }
        if (c == 0) {
            return;
        }
        line.append(c);
        if (c == ' ' && line.length() == 2 && line.charAt(0) == '>' && pending && awaitingPdu == null) {
            line.setLength(0);
            listener.prompt();
        }
    }

    private void handle(String raw) {
        String l = raw.strip();
        if (l.isEmpty()) {
            return;
        }
        if (awaitingPdu != null) {
            Unsolicited u = awaitingPdu;
            awaitingPdu = null;
            listener.unsolicited(new Unsolicited(u.kind(), u.line(), null, -1, u.length(), l));
            return;
        }
        if (pending && l.equalsIgnoreCase(pendingCommand)) {
            return; // echo
        }
        FinalResult f = null;
        int code = -1;
        if (l.equals("OK")) {
            f = FinalResult.OK;
        } else if (l.equals("ERROR") || l.equals("COMMAND NOT SUPPORT")) {
            f = FinalResult.ERROR;
        } else if (l.equals("NO CARRIER")) {
            f = FinalResult.NO_CARRIER;
        } else if (l.startsWith("+CMS ERROR:")) {
            f = FinalResult.CMS_ERROR;
            code = number(l.substring(11));
        } else if (l.startsWith("+CME ERROR:")) {
            f = FinalResult.CME_ERROR;
            code = number(l.substring(11));
        }
        if (f != null) {
            if (pending) {
                pending = false;
                listener.finalResult(f, code);
            } else {
                listener.unsolicited(Unsolicited.other(l));
            }
            return;
        }
        Unsolicited u = unsolicited(l);
        if (u != null) {
            if (u.kind() == Unsolicited.Kind.CMT || u.kind() == Unsolicited.Kind.CDS) {
                awaitingPdu = u;
            } else {
                listener.unsolicited(u);
            }
            return;
        }
        if (!pending) {
            listener.unsolicited(Unsolicited.other(l));
            return;
        }
        int colon = l.indexOf(':');
        if (l.startsWith("+") && colon > 0 && !l.substring(0, colon).trim().equalsIgnoreCase(pendingPrefix)) {
            listener.unsolicited(Unsolicited.other(l)); // a vendor code in the middle of the answer
            return;
        }
        listener.info(l);
    }

    private static Unsolicited unsolicited(String l) {
        if (l.startsWith("+CMTI:") || l.startsWith("+CDSI:")) {
            Matcher m = MEM_INDEX.matcher(l.substring(6));
            if (!m.matches()) {
                throw new AtException("malformed " + l.substring(0, 5) + ": " + l);
            }
            return new Unsolicited(l.startsWith("+CMTI") ? Unsolicited.Kind.CMTI : Unsolicited.Kind.CDSI, l,
                    m.group(1), Integer.parseInt(m.group(2)), -1, null);
        }
        if (l.startsWith("+CMT:")) {
            String[] f = StoredMessages.fields(l.substring(5));
            return new Unsolicited(Unsolicited.Kind.CMT, l, null, -1, number(f[f.length - 1]), null);
        }
        if (l.startsWith("+CDS:")) {
            return new Unsolicited(Unsolicited.Kind.CDS, l, null, -1, number(l.substring(5)), null);
        }
        if (l.equals("RING") || l.startsWith("+CRING:") || l.startsWith("+CLIP:") || l.startsWith("+CBM:")
                || l.startsWith("+CUSD:") || l.startsWith("^")) {
            return Unsolicited.other(l);
        }
        return null;
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
