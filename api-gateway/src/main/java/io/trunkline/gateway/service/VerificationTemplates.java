package io.trunkline.gateway.service;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.trunkline.gateway.VerificationChannel;
import io.trunkline.gateway.config.VerificationConfig;

/**
 * The built-in texts per language (for the SMS and for the call, which repeats the code), and the voice that reads a
 * call per locale ({@code trunkline.gateway.verifications.call-voices}).
 */
@ApplicationScoped
public class VerificationTemplates {
    public static final String PLACEHOLDER = "{code}";
    static final String DEFAULT_LOCALE = "en";
    private static final Pattern LOCALE = Pattern.compile("([a-zA-Z]{2})(?:[-_]([a-zA-Z]{2}))?");

    private static final Map<String, String> SMS = Map.of(
            "en", "Your verification code is {code}. Do not share it with anyone.",
            "fr", "Votre code de vérification est {code}. Ne le communiquez à personne.",
            "es", "Tu código de verificación es {code}. No lo compartas con nadie.",
            "de", "Ihr Bestätigungscode lautet {code}. Geben Sie ihn nicht weiter.");

    private static final Map<String, String> CALL = Map.of(
            "en", "Your verification code is {code}. Again, your code is {code}.",
            "fr", "Votre code de vérification est {code}. Je répète, votre code est {code}.",
            "es", "Tu código de verificación es {code}. Repito, tu código es {code}.",
            "de", "Ihr Bestätigungscode lautet {code}. Ich wiederhole, Ihr Code lautet {code}.");

    private final Map<String, String> voices = new HashMap<>();

    public VerificationTemplates(VerificationConfig config) {
        for (String entry : config.callVoices()) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalStateException("trunkline.gateway.verifications.call-voices: '" + entry
                        + "' is not <locale>=<voice>");
            }
            String locale = normalise(entry.substring(0, eq).trim())
                    .orElseThrow(() -> new IllegalStateException("trunkline.gateway.verifications.call-voices: '"
                            + entry + "' does not start with a locale such as en or en-GB"));
            voices.put(locale, entry.substring(eq + 1).trim());
        }
    }

    /** The languages with built-in texts. */
    public static java.util.Set<String> languages() {
        return new java.util.TreeSet<>(SMS.keySet());
    }

    /**
     * {@code en}, {@code en-GB} (or {@code en_gb}) as {@code en} / {@code en-GB}, if its language has built-in texts;
     * empty otherwise.
     */
    public static Optional<String> locale(String requested) {
        return normalise(requested == null ? DEFAULT_LOCALE : requested.trim())
                .filter(l -> SMS.containsKey(language(l)));
    }

    /** The built-in text of the locale's language for the channel. */
    public static String builtIn(String locale, VerificationChannel channel) {
        return (channel == VerificationChannel.CALL ? CALL : SMS).get(language(locale));
    }

    /** The voice for a call in this locale (the exact locale first, then its language), if one is configured. */
    public Optional<String> voice(String locale) {
        String v = voices.get(locale);
        return Optional.ofNullable(v != null ? v : voices.get(language(locale)));
    }

    /** Every {@code {code}} in the template replaced. */
    public static String render(String template, String code) {
        return template.replace(PLACEHOLDER, code);
    }

    private static String language(String locale) {
        int dash = locale.indexOf('-');
        return dash < 0 ? locale : locale.substring(0, dash);
    }

    private static Optional<String> normalise(String s) {
        Matcher m = LOCALE.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        String lang = m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(m.group(2) == null ? lang : lang + "-" + m.group(2).toUpperCase(Locale.ROOT));
    }
}
