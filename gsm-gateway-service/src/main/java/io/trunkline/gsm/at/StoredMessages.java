package io.trunkline.gsm.at;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code +CMGR} and {@code +CMGL} answers (TS 27.005 3.4.1 / 3.4.2). PDU mode:
 * {@code +CMGR: <stat>,[<alpha>],<length>} then the PDU; {@code +CMGL: <index>,<stat>,[<alpha>],<length>} then the
 * PDU, per message. Real modems also leave out the stat or the empty alpha field, or add one (gammu tests/at-sms:
 * "+CMGR: 24", "+CMGR: 0,23", "+CMGR: 4,1,,151"), so 1 to 4 fields are read, the last being the length. A missing PDU line or a non-numeric
 * field is refused; the PDU itself is checked by {@link io.trunkline.gsm.pdu.PduCodec#decodeFromModem(String)}.
 */
public final class StoredMessages {
    private StoredMessages() {
    }

    /** One stored message in PDU mode; {@code stat} is null when the modem left it empty (ZTE). */
    public record StoredPdu(int index, Integer stat, int length, String pdu) {
    }

    /** A +CMGR answered in text mode although PDU mode was set (TS 27.005 4.x text-mode shape). */
    public static boolean isTextMode(List<String> lines) {
        return !lines.isEmpty() && lines.get(0).matches("^\\+CMG[RL]:\\s*(\\d+,)?\\s*\"[A-Z ]+\".*");
    }

    public static StoredPdu parseCmgr(int index, List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).startsWith("+CMGR:")) {
            throw new AtException("no +CMGR header in the answer");
        }
        if (isTextMode(lines)) {
            throw new AtException("the modem answered +CMGR in text mode; PDU mode (AT+CMGF=0) is required");
        }
        String[] f = fields(lines.get(0).substring(6));
        if (f.length > 4) {
            throw new AtException("+CMGR header has " + f.length + " fields, PDU mode has 3: " + lines.get(0));
        }
        if (lines.size() < 2) {
            throw new AtException("+CMGR header without a PDU line");
        }
        if (lines.size() > 2) {
            throw new AtException("+CMGR answer has " + (lines.size() - 2) + " unexpected lines after the PDU");
        }
        return new StoredPdu(index, f.length == 1 ? null : stat(f[0]), length(f[f.length - 1], lines.get(0)),
                pduLine(lines.get(1)));
    }

    /**
     * Reads a +CMGL listing. A line that is neither a header nor the PDU right after one (seen on real modems) is
     * skipped; a header whose PDU line is missing or whose shape is wrong is refused.
     */
    public static List<StoredPdu> parseCmgl(List<String> lines) {
        List<StoredPdu> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("+CMGL:")) {
                continue;
            }
            String[] f = fields(l.substring(6));
            if (f.length < 3 || f.length > 5) {
                throw new AtException("+CMGL header has " + f.length + " fields, PDU mode has 4: " + l);
            }
            if (i + 1 >= lines.size() || lines.get(i + 1).startsWith("+CMGL:")) {
                throw new AtException("+CMGL header without a PDU line: " + l);
            }
            int index = length(f[0], l);
            out.add(new StoredPdu(index, stat(f[1]), length(f[f.length - 1], l), pduLine(lines.get(++i))));
        }
        return out;
    }

    /** The PDU line without the stray quotes some captures carry (gammu tests/at-sms/04). */
    private static String pduLine(String l) {
        return l.replace("\"", "").trim();
    }

    private static Integer stat(String s) {
        if (s.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new AtException("message status '" + s + "' is not a PDU-mode <stat>");
        }
    }

    private static int length(String s, String line) {
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 0 || n > 255) {
                throw new AtException("length " + n + " out of range in " + line);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new AtException("'" + s + "' is not a number in " + line);
        }
    }

    /** Comma-separated fields; commas inside double quotes do not split. Quotes are removed. */
    public static String[] fields(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out.toArray(String[]::new);
    }
}
