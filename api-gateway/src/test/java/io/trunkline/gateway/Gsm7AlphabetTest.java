package io.trunkline.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class Gsm7AlphabetTest {

    @Test
    void defaultAlphabetHasTheSpecPositions() {
        assertEquals(128, Gsm7Alphabet.DEFAULT.length());
        // spot checks against 3GPP TS 23.038 table 6.2.1
        assertEquals('@', Gsm7Alphabet.DEFAULT.charAt(0x00));
        assertEquals('\u00A3', Gsm7Alphabet.DEFAULT.charAt(0x01)); // £
        assertEquals('$', Gsm7Alphabet.DEFAULT.charAt(0x02));
        assertEquals('\u00C7', Gsm7Alphabet.DEFAULT.charAt(0x09)); // Ç (capital)
        assertEquals('\n', Gsm7Alphabet.DEFAULT.charAt(0x0A));
        assertEquals('\r', Gsm7Alphabet.DEFAULT.charAt(0x0D));
        assertEquals('\u0394', Gsm7Alphabet.DEFAULT.charAt(0x10)); // Δ
        assertEquals('_', Gsm7Alphabet.DEFAULT.charAt(0x11));
        assertEquals('\u00C9', Gsm7Alphabet.DEFAULT.charAt(0x1F)); // É
        assertEquals('\u00A4', Gsm7Alphabet.DEFAULT.charAt(0x24)); // ¤, not $
        assertEquals('\u00A1', Gsm7Alphabet.DEFAULT.charAt(0x40)); // ¡
        assertEquals('\u00A7', Gsm7Alphabet.DEFAULT.charAt(0x5F)); // §
        assertEquals('\u00BF', Gsm7Alphabet.DEFAULT.charAt(0x60)); // ¿
        assertEquals('\u00E0', Gsm7Alphabet.DEFAULT.charAt(0x7F)); // à
        for (char c = 'A'; c <= 'Z'; c++) {
            assertEquals(c, Gsm7Alphabet.DEFAULT.charAt(0x41 + c - 'A'));
            assertEquals(Character.toLowerCase(c), Gsm7Alphabet.DEFAULT.charAt(0x61 + c - 'A'));
        }
        for (char c = '0'; c <= '9'; c++) {
            assertEquals(c, Gsm7Alphabet.DEFAULT.charAt(0x30 + c - '0'));
        }
    }

    @Test
    void everyDefaultCharacterIsOneSeptetAndTheEscapeIsNotACharacter() {
        for (int septet = 0; septet < 128; septet++) {
            if (septet == Gsm7Alphabet.ESCAPE) {
                continue;
            }
            char c = Gsm7Alphabet.DEFAULT.charAt(septet);
            assertEquals(1, Gsm7Alphabet.septets(c), "septet 0x" + Integer.toHexString(septet));
            assertArrayEquals(new byte[] { (byte) septet }, Gsm7Alphabet.toSeptets(String.valueOf(c)));
        }
        assertEquals(0, Gsm7Alphabet.septets('\u001B'));
        assertEquals(0, Gsm7Alphabet.septets('\uFFFF'));
    }

    @Test
    void extensionCharactersAreTwoSeptetsWithTheEscape() {
        assertEquals(10, Gsm7Alphabet.Extension.values().length);
        for (Gsm7Alphabet.Extension e : Gsm7Alphabet.Extension.values()) {
            assertEquals(2, Gsm7Alphabet.septets(e.character()), e.name());
            assertArrayEquals(new byte[] { 0x1B, (byte) e.code() }, Gsm7Alphabet.toSeptets(String.valueOf(e.character())));
        }
        assertEquals(0x65, Gsm7Alphabet.Extension.EURO_SIGN.code());
        assertEquals('\u20AC', Gsm7Alphabet.Extension.EURO_SIGN.character());
        assertEquals(2, Gsm7Alphabet.septets("\u20AC"));
        assertEquals(2, Gsm7Alphabet.septets("\f"));
    }

    @Test
    void lookAlikesOutsideTheAlphabetAreNotEncodable() {
        assertFalse(Gsm7Alphabet.canEncode("\u00E7")); // ç: only the capital Ç is in the table
        assertTrue(Gsm7Alphabet.canEncode("\u00C7"));
        assertFalse(Gsm7Alphabet.canEncode("`"));
        assertFalse(Gsm7Alphabet.canEncode("\t"));
        assertFalse(Gsm7Alphabet.canEncode("\u03B1")); // Greek small alpha
        assertFalse(Gsm7Alphabet.canEncode("\u2206")); // INCREMENT, not Δ
        assertFalse(Gsm7Alphabet.canEncode("\u2126")); // OHM SIGN, not Ω
        assertFalse(Gsm7Alphabet.canEncode("\u00E1")); // á
        assertFalse(Gsm7Alphabet.canEncode("\u2019")); // typographic apostrophe
        assertFalse(Gsm7Alphabet.canEncode("\uD83D\uDE00")); // emoji
        assertEquals(-1, Gsm7Alphabet.septets("abc\u00E7"));
        assertThrows(IllegalArgumentException.class, () -> Gsm7Alphabet.toSeptets("abc\u00E7"));
    }

    /** {@code gsm7-septets} rows of the shared conformance data (python-gsmmodem's test vectors). */
    @Test
    void unpackedSeptetsMatchTheConformanceVectors() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, String>> rows = Conformance.rows("gsm7-septets.tsv");
        assertEquals(8, rows.size());
        for (Map<String, String> row : rows.values()) {
            String text = row.get("plain_or_value");
            JsonNode expected = json.readTree(row.get("encoded_json"));
            byte[] want = HexFormat.of().parseHex(expected.get("gsm7_octets_unpacked_hex").asText());
            assertArrayEquals(want, Gsm7Alphabet.toSeptets(text), text + " (" + row.get("source") + ")");
            assertEquals(want.length, Gsm7Alphabet.septets(text), text);
        }
    }
}
