package io.trunkline.gateway;

import java.util.ArrayList;
import java.util.List;

import io.trunkline.events.SmsEncoding;

/**
 * Chooses a message's encoding and splits it into the parts a handset reassembles (3GPP TS 23.040 concatenated SMS).
 * <ul>
 * <li>GSM-7 when every character is in the default alphabet or its extension table (extension characters take two
 * septets): 160 septets in a single message, 153 per part when concatenated (the UDH takes the rest).</li>
 * <li>UCS-2 otherwise, counted in UTF-16 code units (a character outside the BMP is a surrogate pair, two units):
 * 70 in a single message, 67 per part.</li>
 * </ul>
 * A part never ends inside an escape sequence or between the two halves of a surrogate pair.
 */
public final class SmsSegmenter {
    public static final int GSM7_SINGLE = 160;
    public static final int GSM7_PART = 153;
    public static final int UCS2_SINGLE = 70;
    public static final int UCS2_PART = 67;

    private SmsSegmenter() {
    }

    /**
     * How a text goes on the air.
     *
     * @param encoding the encoding the text needs
     * @param units    septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text
     * @param parts    the text of each part, in order; one element for a single message
     */
    public record Segmentation(SmsEncoding encoding, int units, List<String> parts) {
        public Segmentation {
            parts = List.copyOf(parts);
        }

        public int segments() {
            return parts.size();
        }

        /** Units one part can hold for this encoding and part count. */
        public int unitsPerSegment() {
            boolean single = parts.size() <= 1;
            return encoding == SmsEncoding.GSM7 ? (single ? GSM7_SINGLE : GSM7_PART) : (single ? UCS2_SINGLE : UCS2_PART);
        }
    }

    public static Segmentation segment(String text) {
        int septets = Gsm7Alphabet.septets(text);
        if (septets >= 0) {
            return new Segmentation(SmsEncoding.GSM7, septets, septets <= GSM7_SINGLE ? List.of(text) : splitGsm7(text));
        }
        int units = text.length();
        return new Segmentation(SmsEncoding.UCS2, units, units <= UCS2_SINGLE ? List.of(text) : splitUcs2(text));
    }

    private static List<String> splitGsm7(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int width = Gsm7Alphabet.septets(text.charAt(i));
            if (used + width > GSM7_PART) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += width;
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static List<String> splitUcs2(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int width = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
            if (used + width > UCS2_PART) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += width;
            i += width;
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** Index of the first unpaired surrogate (text that is not well-formed UTF-16), or -1. */
    public static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
