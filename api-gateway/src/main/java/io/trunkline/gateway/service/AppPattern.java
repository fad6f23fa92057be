package io.trunkline.gateway.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A collect app's pattern, e.g. {@code BG <number> [<note>]}. Elements are separated by whitespace:
 * <ul>
 * <li>a literal word, matched case-insensitively ({@code BG});</li>
 * <li>a field {@code <name>} or {@code <name:type>}; types {@code number} (a decimal, {@code ,} or {@code .} as the
 * point), {@code word} (one word) and {@code text} (one or more words). {@code <number>}, {@code <word>},
 * {@code <text>} are fields named after their type; a field without a type is {@code text} when it ends the pattern,
 * else {@code word};</li>
 * <li>{@code [ ... ]}: elements that may be left out (groups may nest; the first element may not be optional).</li>
 * </ul>
 * The whole text must match; surrounding whitespace is ignored.
 */
public final class AppPattern {
    public enum Type {
        NUMBER, WORD, TEXT
    }

    public record Field(String name, Type type) {
    }

    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

    private final String source;
    private final Pattern regex;
    private final List<Field> fields;

    private AppPattern(String source, Pattern regex, List<Field> fields) {
        this.source = source;
        this.regex = regex;
        this.fields = List.copyOf(fields);
    }

    public String source() {
        return source;
    }

    /** The fields in pattern order (the dataset's columns). */
    public List<Field> fields() {
        return fields;
    }

    /** Thrown by {@link #compile} with a message saying what is wrong and where. */
    public static final class InvalidPatternException extends IllegalArgumentException {
        InvalidPatternException(String message) {
            super(message);
        }
    }

    public static AppPattern compile(String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidPatternException("is required");
        }
        List<String> tokens = tokenize(source);
        StringBuilder re = new StringBuilder("^\\s*");
        List<Field> fields = new ArrayList<>();
        int depth = 0;
        boolean first = true;
        List<Integer> openedAt = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("[")) {
                if (first) {
                    throw new InvalidPatternException("must start with a required element, not '['");
                }
                re.append("(?:");
                openedAt.add(i);
                depth++;
                continue;
            }
            if (t.equals("]")) {
                if (depth == 0) {
                    throw new InvalidPatternException("has a ']' without its '['");
                }
                if (openedAt.remove(openedAt.size() - 1) == i - 1) {
                    throw new InvalidPatternException("has an empty '[]'");
                }
                re.append(")?");
                depth--;
                continue;
            }
            if (!first) {
                re.append("\\s+");
            }
            first = false;
            if (t.startsWith("<")) {
                Field f = field(t, lastElement(tokens, i));
                if (fields.stream().anyMatch(x -> x.name().equalsIgnoreCase(f.name()))) {
                    throw new InvalidPatternException("names the field '" + f.name() + "' twice");
                }
                fields.add(f);
                re.append(switch (f.type()) {
                    case NUMBER -> "([-+]?\\d+(?:[.,]\\d+)?)";
                    case WORD -> "(\\S+)";
                    case TEXT -> "(\\S.*?)";
                });
            } else {
                re.append(Pattern.quote(t));
            }
        }
        if (depth != 0) {
            throw new InvalidPatternException("has a '[' without its ']'");
        }
        if (first) {
            throw new InvalidPatternException("has no elements");
        }
        re.append("\\s*$");
        return new AppPattern(source.trim(),
                Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL),
                fields);
    }

    /** The fields of a text that matches (a left-out field is absent); empty when it does not match. */
    public Optional<Map<String, Object>> match(String text) {
        Matcher m = regex.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String v = m.group(i + 1);
            if (v == null) {
                continue;
            }
            Field f = fields.get(i);
            out.put(f.name(), f.type() == Type.NUMBER ? new BigDecimal(v.replace(',', '.')) : v.trim());
        }
        return Optional.of(out);
    }

    private static Field field(String token, boolean last) {
        if (!token.endsWith(">") || token.length() < 3) {
            throw new InvalidPatternException("has a malformed field '" + token + "' (expected <name> or <name:type>)");
        }
        String inner = token.substring(1, token.length() - 1);
        String name = inner;
        Type type = null;
        int colon = inner.indexOf(':');
        if (colon >= 0) {
            name = inner.substring(0, colon);
            String t = inner.substring(colon + 1).toUpperCase(Locale.ROOT);
            try {
                type = Type.valueOf(t);
            } catch (IllegalArgumentException e) {
                throw new InvalidPatternException("field '" + inner + "' has an unknown type (number, word or text)");
            }
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidPatternException("field '" + inner + "' needs a name of letters, digits and _ "
                    + "(starting with a letter, at most 32)");
        }
        if (type == null) {
            type = switch (name.toLowerCase(Locale.ROOT)) {
                case "number" -> Type.NUMBER;
                case "word" -> Type.WORD;
                case "text" -> Type.TEXT;
                default -> last ? Type.TEXT : Type.WORD;
            };
        }
        return new Field(name, type);
    }

    /** Whether only closing brackets follow token {@code i}. */
    private static boolean lastElement(List<String> tokens, int i) {
        for (int j = i + 1; j < tokens.size(); j++) {
            if (!tokens.get(j).equals("]")) {
                return false;
            }
        }
        return true;
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '[' || c == ']') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '<') {
                int end = s.indexOf('>', i);
                if (end < 0) {
                    throw new InvalidPatternException("has a '<' without its '>'");
                }
                out.add(s.substring(i, end + 1));
                i = end + 1;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "[]<>".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
