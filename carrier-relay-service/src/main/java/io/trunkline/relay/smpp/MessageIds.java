package io.trunkline.relay.smpp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Carrier message ids as receipts quote them. Carriers answer submit_sm_resp with one form and quote another in
 * the receipt: other case, leading zeros added or dropped, or the hex id written in decimal (and the reverse). Ids
 * are stored {@link #normalise normalised}, and a receipt id is looked up by its {@link #candidates}.
 */
public final class MessageIds {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern DEC = Pattern.compile("[0-9]+");
    /** Longer digit strings are not numbers anybody converted; compare them as text only. */
    private static final int MAX_NUMERIC = 40;

    private MessageIds() {
    }

    /** Trimmed, NULs and quotes removed, lower case, leading zeros dropped from a hex/decimal id. */
    public static String normalise(String id) {
        if (id == null) {
            return null;
        }
        String s = id.replace("\u0000", "").trim().toLowerCase(Locale.ROOT);
        if (s.length() > 2 && s.startsWith("0x") && HEX.matcher(s.substring(2)).matches()) {
            s = s.substring(2);
        }
        if (HEX.matcher(s).matches()) {
            int i = 0;
            while (i < s.length() - 1 && s.charAt(i) == '0') {
                i++;
            }
            s = s.substring(i);
        }
        return s;
    }

    /**
     * The normalised forms an id may have been submitted under, most likely first: as quoted; if it is all decimal
     * digits, its hex rendering; if it is hex, its decimal rendering.
     */
    public static List<String> candidates(String id) {
        String n = normalise(id);
        if (n == null || n.isEmpty()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        out.add(n);
        if (n.length() <= MAX_NUMERIC && DEC.matcher(n).matches()) {
            out.add(new BigInteger(n, 10).toString(16));
        }
        if (n.length() <= MAX_NUMERIC && HEX.matcher(n).matches()) {
            out.add(new BigInteger(n, 16).toString(10));
        }
        return new ArrayList<>(out);
    }

    /** Candidates of several quoted ids restricted to a carrier's {@link RelayConfig.IdFormat}. */
    public static List<String> candidates(List<String> ids, io.trunkline.relay.config.RelayConfig.IdFormat format) {
        if (format == null || format == io.trunkline.relay.config.RelayConfig.IdFormat.AUTO) {
            return candidates(ids);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            String n = normalise(id);
            if (n == null || n.isEmpty()) {
                continue;
            }
            out.add(n);
            boolean numeric = n.length() <= MAX_NUMERIC;
            switch (format) {
                case HEX_RESP_DECIMAL_RECEIPT -> {
                    if (numeric && DEC.matcher(n).matches()) {
                        out.add(new BigInteger(n, 10).toString(16));
                    }
                }
                case DECIMAL_RESP_HEX_RECEIPT -> {
                    if (numeric && HEX.matcher(n).matches()) {
                        out.add(new BigInteger(n, 16).toString(10));
                    }
                }
                default -> {
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Candidates of several quoted ids (TLV first, then text), in order, without repeats. */
    public static List<String> candidates(List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            out.addAll(candidates(id));
        }
        return new ArrayList<>(out);
    }
}
