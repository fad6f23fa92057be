package io.trunkline.gsm.at;

import java.util.List;

/** A command's information lines and its final result ({@code code} for +CMS/+CME ERROR, else -1). */
public record AtResponse(List<String> lines, FinalResult result, int code) {
    public boolean ok() {
        return result.ok();
    }

    /** The first information line starting with the prefix (e.g. {@code +CSQ:}), its value after the colon. */
    public String value(String prefix) {
        for (String l : lines) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    public String describe() {
        return switch (result) {
            case CMS_ERROR -> "+CMS ERROR: " + code;
            case CME_ERROR -> "+CME ERROR: " + code;
            default -> result.name();
        };
    }
}
