package io.trunkline.relay.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trunkline.relay.config.RelayConfig;

/** Fills an HTTP carrier's URL and body templates with one message's values. */
public final class HttpTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z+]+)}");

    private HttpTemplate() {
    }

    /** The placeholder values for one message (unescaped). */
    public static Map<String, String> values(RelayConfig.HttpCarrier c, String messageId, String from, String to,
            String text, boolean dlr, Instant now) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("username", c.username().orElse(""));
        v.put("password", c.password().orElse(""));
        v.put("from", strip(from));
        v.put("to", strip(to));
        v.put("from+", from);
        v.put("to+", to);
        v.put("text", text);
        v.put("messageId", messageId);
        v.put("dlr", dlr ? "1" : "0");
        v.put("sendtime", DateTimeFormatter.ofPattern(c.timeFormat()).withZone(ZoneId.of(c.timeZone())).format(now));
        return v;
    }

    /** The URL with every placeholder URL-encoded. */
    public static String url(String template, Map<String, String> values) {
        return fill(template, values, HttpTemplate::urlEncode);
    }

    /** The body: JSON-escaped for a JSON content type, else URL-encoded (a form). */
    public static String body(String template, String contentType, Map<String, String> values) {
        boolean json = contentType.toLowerCase().contains("json");
        return fill(template, values, json ? HttpTemplate::jsonEscape : HttpTemplate::urlEncode);
    }

    static String fill(String template, Map<String, String> values, java.util.function.UnaryOperator<String> esc) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : esc.apply(v)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String strip(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }
}
