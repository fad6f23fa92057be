package io.trunkline.sandbox.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One AMI message: {@code Key: Value} lines in order (a key may repeat, e.g. {@code Variable}), CRLF-terminated,
 * ended by an empty line. Keys are matched case-insensitively, as Asterisk does.
 */
public final class AmiMessage {
    private final List<String[]> headers = new ArrayList<>();

    public static AmiMessage response(String response, String actionId) {
        AmiMessage m = new AmiMessage().put("Response", response);
        if (actionId != null) {
            m.put("ActionID", actionId);
        }
        return m;
    }

    public static AmiMessage event(String name, String privilege) {
        return new AmiMessage().put("Event", name).put("Privilege", privilege);
    }

    public AmiMessage put(String key, Object value) {
        headers.add(new String[] {key, value == null ? "" : value.toString()});
        return this;
    }

    /** The first value of the key, or null. */
    public String get(String key) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(key)) {
                return h[1];
            }
        }
        return null;
    }

    public String get(String key, String fallback) {
        String v = get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Every value of a repeatable key, in order. */
    public List<String> all(String key) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(key)) {
                out.add(h[1]);
            }
        }
        return out;
    }

    public List<String[]> headers() {
        return List.copyOf(headers);
    }

    /** The action name in lower case, or null for a response/event. */
    public String action() {
        String a = get("Action");
        return a == null ? null : a.trim().toLowerCase(Locale.ROOT);
    }

    /** The wire form: CRLF after each line and one more at the end. */
    public String wire() {
        StringBuilder sb = new StringBuilder();
        for (String[] h : headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /**
     * Reads the next message (skipping leading blank lines); null at end of stream. A line without a colon is kept
     * as a key with an empty value, so it cannot break the framing.
     */
    public static AmiMessage read(BufferedReader in) throws IOException {
        AmiMessage m = new AmiMessage();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (m.headers.isEmpty()) {
                    continue;
                }
                return m;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                m.headers.add(new String[] {line.trim(), ""});
            } else {
                m.headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
            }
        }
        return m.headers.isEmpty() ? null : m;
    }

    @Override
    public String toString() {
        return wire().replace("\r\n", " | ");
    }
}
