package io.trunkline.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.trunkline.events.SmsEncoding;
import io.trunkline.gateway.SmsSegmenter.Segmentation;

class SmsSegmenterTest {
    private static final String EURO = "\u20AC";
    private static final String EMOJI = "\uD83D\uDE00"; // 😀, one code point, two UTF-16 units
    private static final String CYRILLIC = "\u0436"; // ж, one UCS-2 unit

    @Test
    void plainTextIsOneGsm7Segment() {
        Segmentation s = SmsSegmenter.segment("Hey Jude");
        assertEquals(SmsEncoding.GSM7, s.encoding());
        assertEquals(8, s.units());
        assertEquals(1, s.segments());
        assertEquals(160, s.unitsPerSegment());
    }

    @Test
    void gsm7SingleMessageHolds160SeptetsThenPartsOf153() {
        assertSegments("a".repeat(160), SmsEncoding.GSM7, 160, 1);
        Segmentation s = assertSegments("a".repeat(161), SmsEncoding.GSM7, 161, 2);
        assertEquals(List.of("a".repeat(153), "a".repeat(8)), s.parts());
        assertEquals(153, s.unitsPerSegment());
        assertSegments("a".repeat(306), SmsEncoding.GSM7, 306, 2);
        assertSegments("a".repeat(307), SmsEncoding.GSM7, 307, 3);
        assertSegments("a".repeat(1530), SmsEncoding.GSM7, 1530, 10);
        assertSegments("a".repeat(1531), SmsEncoding.GSM7, 1531, 11);
    }

    @Test
    void extensionCharactersCountTwoSeptets() {
        assertSegments(EURO, SmsEncoding.GSM7, 2, 1);
        assertSegments("a".repeat(158) + EURO, SmsEncoding.GSM7, 160, 1);
        assertSegments("a".repeat(159) + EURO, SmsEncoding.GSM7, 161, 2);
        assertSegments("[]{}|~^\\" + EURO + "\f", SmsEncoding.GSM7, 20, 1);
        assertSegments(EURO.repeat(80), SmsEncoding.GSM7, 160, 1);
        Segmentation s = assertSegments(EURO.repeat(81), SmsEncoding.GSM7, 162, 2);
        // 153 is odd: a part holds 76 euro signs (152 septets), never half an escape sequence
        assertEquals(List.of(EURO.repeat(76), EURO.repeat(5)), s.parts());
    }

    @Test
    void anEscapeSequenceIsNeverSplitAtThe153Boundary() {
        // the euro sign would take septets 153 and 154: it moves whole to the next part
        Segmentation s = SmsSegmenter.segment("a".repeat(152) + EURO + "b".repeat(10));
        assertEquals(SmsEncoding.GSM7, s.encoding());
        assertEquals(164, s.units());
        assertEquals(List.of("a".repeat(152), EURO + "b".repeat(10)), s.parts());

        // ending exactly at 153 it stays
        s = SmsSegmenter.segment("a".repeat(151) + EURO + "b".repeat(10));
        assertEquals(List.of("a".repeat(151) + EURO, "b".repeat(10)), s.parts());

        // and again at the second boundary (306)
        s = SmsSegmenter.segment("a".repeat(305) + "{" + "b");
        assertEquals(List.of("a".repeat(153), "a".repeat(152), "{b"), s.parts());
    }

    @Test
    void cedillas() {
        assertSegments("\u00C7a va", SmsEncoding.GSM7, 5, 1); // Ça va: Ç is in the default alphabet
        assertSegments("gar\u00E7on", SmsEncoding.UCS2, 6, 1); // garçon: ç is not
        // one ç turns a long GSM text into UCS-2 and more segments
        Segmentation s = SmsSegmenter.segment("a".repeat(100) + "\u00E7");
        assertEquals(SmsEncoding.UCS2, s.encoding());
        assertEquals(101, s.units());
        assertEquals(List.of("a".repeat(67), "a".repeat(33) + "\u00E7"), s.parts());
    }

    @Test
    void ucs2SingleMessageHolds70UnitsThenPartsOf67() {
        assertSegments(CYRILLIC.repeat(70), SmsEncoding.UCS2, 70, 1);
        Segmentation s = assertSegments(CYRILLIC.repeat(71), SmsEncoding.UCS2, 71, 2);
        assertEquals(List.of(CYRILLIC.repeat(67), CYRILLIC.repeat(4)), s.parts());
        assertEquals(67, s.unitsPerSegment());
        assertSegments(CYRILLIC.repeat(134), SmsEncoding.UCS2, 134, 2);
        assertSegments(CYRILLIC.repeat(135), SmsEncoding.UCS2, 135, 3);
    }

    @Test
    void aSurrogatePairCountsTwoAndIsNeverSplitAtThe67Boundary() {
        assertSegments(EMOJI, SmsEncoding.UCS2, 2, 1);
        assertSegments(EMOJI.repeat(35), SmsEncoding.UCS2, 70, 1);
        // the emoji would take units 67 and 68: it moves whole to the next part
        Segmentation s = SmsSegmenter.segment(CYRILLIC.repeat(66) + EMOJI + CYRILLIC.repeat(10));
        assertEquals(78, s.units());
        assertEquals(List.of(CYRILLIC.repeat(66), EMOJI + CYRILLIC.repeat(10)), s.parts());
        // ending exactly at 67 it stays
        s = SmsSegmenter.segment(CYRILLIC.repeat(65) + EMOJI + CYRILLIC.repeat(10));
        assertEquals(List.of(CYRILLIC.repeat(65) + EMOJI, CYRILLIC.repeat(10)), s.parts());
        // only emoji: 33 per part (66 units), 36 of them need 2 parts
        s = SmsSegmenter.segment(EMOJI.repeat(36));
        assertEquals(72, s.units());
        assertEquals(List.of(EMOJI.repeat(33), EMOJI.repeat(3)), s.parts());
        for (String part : s.parts()) {
            assertEquals(-1, SmsSegmenter.unpairedSurrogate(part), "no part ends or starts in half a pair");
        }
    }

    @Test
    void euroInAUcs2MessageIsOneUnit() {
        // once the message is UCS-2 the euro sign is a plain BMP character
        assertSegments(EURO + CYRILLIC, SmsEncoding.UCS2, 2, 1);
    }

    @Test
    void emptyTextIsOneEmptySegment() {
        assertSegments("", SmsEncoding.GSM7, 0, 1);
    }

    @Test
    void unpairedSurrogatesAreFound() {
        assertEquals(-1, SmsSegmenter.unpairedSurrogate("a" + EMOJI + "b"));
        assertEquals(1, SmsSegmenter.unpairedSurrogate("a\uD83Db"));
        assertEquals(1, SmsSegmenter.unpairedSurrogate("a\uDE00"));
        assertEquals(0, SmsSegmenter.unpairedSurrogate("\uD83D"));
    }

    /** Real concatenated messages from the shared conformance data: our split must equal the network's. */
    @Test
    void splitsLikeRealConcatenatedMessages() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, String>> rows = Conformance.rows("pdu-concat.tsv");

        // Telia NO capture: 153 + 153 + 137 septets of plain text
        String full = json.readTree(rows.get("atlib-enc-concat-1").get("decoded_json")).get("full_text_of_all_parts").asText();
        List<String> network = List.of("atlib-dec-04-1", "atlib-dec-04-2", "atlib-dec-04-3").stream()
                .map(id -> text(json, rows.get(id))).toList();
        Segmentation s = SmsSegmenter.segment(full);
        assertEquals(SmsEncoding.GSM7, s.encoding());
        assertEquals(network, s.parts());

        // Vodafone DE roaming message: the euro sign (2 septets) in part 1 makes it 152 characters
        List<String> vodafone = List.of(text(json, rows.get("pymsg-dec-06-1")), text(json, rows.get("pymsg-dec-06-2")));
        s = SmsSegmenter.segment(String.join("", vodafone));
        assertEquals(SmsEncoding.GSM7, s.encoding());
        assertEquals(vodafone, s.parts());
        assertEquals(152, s.parts().get(0).length());

        // UCS-2 emoji submits: TP-UDL counts 2 octets per UTF-16 unit, a surrogate pair is 2 units
        assertSegments(text(json, rows.get("atlib-enc-03")), SmsEncoding.UCS2, 2, 1);
        assertSegments(text(json, rows.get("atlib-enc-04")), SmsEncoding.UCS2, 10, 1);
        assertSegments(text(json, rows.get("atlib-enc-05")), SmsEncoding.UCS2, 16, 1);
    }

    private static String text(ObjectMapper json, Map<String, String> row) {
        try {
            var node = json.readTree(row.get("decoded_json"));
            return node.has("message") ? node.get("message").asText() : node.get("text").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Segmentation assertSegments(String text, SmsEncoding encoding, int units, int segments) {
        Segmentation s = SmsSegmenter.segment(text);
        assertEquals(encoding, s.encoding(), "encoding");
        assertEquals(units, s.units(), "units");
        assertEquals(segments, s.segments(), "segments");
        assertEquals(text, String.join("", s.parts()), "parts join back to the text");
        return s;
    }
}
