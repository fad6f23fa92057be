package io.trunkline.gateway.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broadcast template: {@code {{first_name}}} is replaced by the contact's field, {@code {{first_name|there}}} falls
 * back to {@code there} (trimmed) when the field is missing or empty. A missing field without a default makes the row an error
 * (it is never sent with a hole in it).
 */
public final class BroadcastTemplate {
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*(?:\\|([^}]*))?}}");

    private BroadcastTemplate() {
    }

    /** The rendered text, or the missing fields. */
    public record Rendered(String text, List<String> missing) {
        public boolean ok() {
            return missing.isEmpty();
        }
    }

    public static Rendered render(String template, Map<String, String> fields) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            String value = fields == null ? null : fields.get(m.group(1));
            if (value == null || value.isEmpty()) {
                value = m.group(2) == null ? null : m.group(2).trim();
            }
            if (value == null) {
                missing.add(m.group(1));
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new Rendered(out.toString(), List.copyOf(missing));
    }

    /** Whether the text has any placeholder at all. */
    public static boolean hasPlaceholders(String template) {
        return PLACEHOLDER.matcher(template).find();
    }
}
