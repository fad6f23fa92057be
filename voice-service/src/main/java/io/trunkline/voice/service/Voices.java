package io.trunkline.voice.service;

import java.util.Locale;
import java.util.Map;

/**
 * The voices a speech broadcast offers, as the paper does: male or female, US, UK or Indian English. Written as
 * {@code <gender>-<locale>}, e.g. {@code female-en-US}, {@code male-en-GB}, {@code female-en-IN}; the default is
 * {@code female-en-US}. The dialplan gets TTS_VOICE (an espeak-ng voice name), TTS_LANG and TTS_GENDER and speaks
 * TTS_TEXT with espeak/Festival or plays a file generated from it. espeak-ng has no Indian English voice: en-IN
 * falls back to the en-gb voice, and TTS_LANG=en-IN lets the dialplan pick a Festival/Flite Indian voice instead.
 */
public final class Voices {
    public static final String DEFAULT = "female-en-US";

    private static final Map<String, String> ESPEAK = Map.of(
            "male-en-US", "en-us+m3",
            "female-en-US", "en-us+f3",
            "male-en-GB", "en-gb+m3",
            "female-en-GB", "en-gb+f3",
            "male-en-IN", "en-gb+m3",
            "female-en-IN", "en-gb+f3");

    private Voices() {
    }

    /** The canonical voice id for a choice (case-insensitive), or null if it is not offered. */
    public static String canonical(String voice) {
        String v = voice == null || voice.isBlank() ? DEFAULT : voice.trim();
        for (String k : ESPEAK.keySet()) {
            if (k.toLowerCase(Locale.ROOT).equals(v.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return k;
            }
        }
        return null;
    }

    public static String espeakVoice(String canonical) {
        return ESPEAK.get(canonical);
    }

    public static String gender(String canonical) {
        return canonical.substring(0, canonical.indexOf('-'));
    }

    public static String language(String canonical) {
        return canonical.substring(canonical.indexOf('-') + 1);
    }
}
