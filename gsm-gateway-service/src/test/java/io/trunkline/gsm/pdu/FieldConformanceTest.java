package io.trunkline.gsm.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every row of gsm7-udh-fields.tsv, both ways, plus the tables' own invariants. */
class FieldConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Conformance.Row> rows() {
        return Conformance.tsv("gsm7-udh-fields.tsv").stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rows")
    void reproducesTheField(Conformance.Row row) throws Exception {
        String kind = row.get(0);
        String plain = row.get(1);
        JsonNode exp = JSON.readTree(row.get(2));
        switch (kind) {
            case "gsm7-septets" -> {
                byte[] septets = Gsm7.encode(plain);
                assertEquals(exp.get("gsm7_octets_unpacked_hex").asText(), Hex.encode(septets));
                byte[] packed = Gsm7.pack(septets, 0);
                assertEquals(exp.get("packed_septets_hex").asText(), Hex.encode(packed));
                assertEquals(plain, Gsm7.decode(Gsm7.unpack(packed, 0, septets.length, 0)));
            }
            case "gsm7-packed" -> {
                byte[] septets = Gsm7.encode(plain);
                assertEquals(exp.get("packed_hex").asText(), Hex.encode(Gsm7.pack(septets, 0)));
                byte[] packed = Hex.decode(exp.get("packed_hex").asText());
                assertEquals(plain, Gsm7.decode(Gsm7.unpack(packed, 0, septets.length, 0)));
            }
            case "address-field" -> {
                byte[] b = Hex.decode(exp.get("hex").asText());
                Address.Read r = Address.readTpAddress(b, 0, "address");
                // python-gsmmodem shows international numbers with +, qotto/smspdudecoder without
                assertEquals(plain, exp.has("decoded") ? r.address().value() : r.address().toString());
                if (exp.has("bytes_read")) {
                    assertEquals(exp.get("bytes_read").asInt(), r.octets());
                }
                String canonical = exp.has("canonical_hex") ? exp.get("canonical_hex").asText()
                        : exp.get("hex").asText();
                assertEquals(canonical, Hex.encode(r.address().toTpField()));
                if (exp.has("decoded")) {
                    JsonNode d = exp.get("decoded");
                    assertEquals(d.get("length").asInt(), b[0] & 0xFF);
                    assertEquals(d.get("toa").get("ton").asText(), tonName(r.address().ton()));
                    assertEquals(d.get("number").asText(), r.address().value());
                }
            }
            case "smsc-field" -> {
                byte[] b = Hex.decode(exp.get("hex").asText());
                Address.Read r = Address.readSmsc(b, 0);
                assertEquals(plain.replace("+", ""), r.address().value());
                if (plain.startsWith("+") || exp.has("decoded")) {
                    assertEquals(TypeOfNumber.INTERNATIONAL, r.address().ton());
                }
                if (exp.has("bytes_read")) {
                    assertEquals(exp.get("bytes_read").asInt(), r.octets());
                }
                String canonical = exp.has("canonical_hex") ? exp.get("canonical_hex").asText()
                        : exp.get("hex").asText();
                assertEquals(canonical, Hex.encode(r.address().toSmscField()));
            }
            case "tp-vp-relative" -> {
                Duration d = pythonTimedelta(plain);
                ValidityPeriod.Relative r = ValidityPeriod.Relative.covering(d);
                assertEquals(exp.get("tp_vp").asInt(), r.tpVp());
                assertEquals(d, r.duration());
            }
            case "scts-timestamp" -> {
                OffsetDateTime t = OffsetDateTime.parse(plain);
                assertEquals(exp.get("hex").asText(), Hex.encode(Scts.encode(t)));
                assertEquals(t, Scts.decode(Hex.decode(exp.get("hex").asText()), 0));
            }
            case "udh-ie-concat" -> {
                Matcher m = Pattern.compile("ref=(\\d+) number=(\\d+) parts=(\\d+)").matcher(plain);
                m.find();
                int ref = Integer.parseInt(m.group(1));
                UserDataHeader.Concat c = new UserDataHeader.Concat(ref, Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(2)), ref > 255);
                assertEquals(exp.get("ie_hex").asText(), c.toElement().hex());
                byte[] b = Hex.decode(exp.get("ie_hex").asText());
                assertEquals(c, UserDataHeader.parse(b, 0, b.length).concat().orElseThrow());
            }
            case "udh-ie-ports" -> {
                Matcher m = Pattern.compile("dest=(\\d+) src=(\\d+)").matcher(plain);
                m.find();
                byte[] b = Hex.decode(exp.get("ie_hex").asText());
                UserDataHeader h = UserDataHeader.parse(b, 0, b.length);
                assertEquals(new UserDataHeader.Ports(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
                        h.ports().orElseThrow());
                assertEquals(exp.get("ie_hex").asText(), Hex.encode(h.toBytes()));
            }
            case "ucs2" -> {
                assertEquals(exp.get("hex").asText(), Hex.encode(plain.getBytes(StandardCharsets.UTF_16BE)));
                assertEquals(CharacterSet.UCS2, PduCodec.charsetFor(plain));
            }
            case "udh-full" -> {
                String hex = exp.get("udh_hex_without_UDHL").asText().toUpperCase();
                byte[] b = Hex.decode(hex);
                UserDataHeader h = UserDataHeader.parse(b, 0, b.length);
                assertEquals(hex, Hex.encode(h.toBytes()));
                UserDataHeader.Concat c = h.concat().orElseThrow();
                Matcher m = Pattern.compile("ref=(\\d+) seq=(\\d+) cnt=(\\d+)").matcher(plain);
                m.find();
                assertEquals(Integer.parseInt(m.group(1)), c.reference());
                assertEquals(Integer.parseInt(m.group(2)), c.sequence());
                assertEquals(Integer.parseInt(m.group(3)), c.total());
                Matcher p = Pattern.compile("ports dest=(\\d+) orig=(\\d+)").matcher(plain);
                if (p.find()) {
                    assertEquals(new UserDataHeader.Ports(Integer.parseInt(p.group(1)), Integer.parseInt(p.group(2))),
                            h.ports().orElseThrow());
                }
            }
            default -> throw new AssertionError("unknown kind " + kind);
        }
    }

    @Test
    void defaultAlphabetAndExtensionTableAreTheSpecTables() {
        assertEquals('@', Gsm7Table.DEFAULT.charOf(0));
        assertEquals('à', Gsm7Table.DEFAULT.charOf(0x7F));
        assertEquals('€', Gsm7Table.EXTENSION.charOf(0x65));
        for (int s = 0; s < 128; s++) {
            if (s != Gsm7Table.ESCAPE) {
                assertEquals(s, Gsm7Table.DEFAULT.septetOf(Gsm7Table.DEFAULT.charOf(s)), "septet " + s);
            }
        }
        assertThrows(PduException.class, () -> Gsm7.encode("š"));
    }

    @Test
    void splitsNeverBreakAnEscapeOrASurrogatePair() {
        String gsm = "a".repeat(152) + "€" + "b".repeat(10);
        List<String> parts = PduCodec.split(gsm, CharacterSet.GSM7, false);
        assertEquals("a".repeat(152), parts.get(0));
        String emoji = "x".repeat(66) + "😀" + "yyyyy";
        List<String> u = PduCodec.split(emoji, CharacterSet.UCS2, false);
        assertEquals("x".repeat(66), u.get(0));
        assertEquals("😀yyyyy", u.get(1));
        List<PduCodec.EncodedPdu> pdus = PduCodec.encodeSubmit(Address.parse("+61400000000"), emoji,
                PduCodec.SubmitOptions.defaults().withConcat(7, false));
        StringBuilder back = new StringBuilder();
        for (PduCodec.EncodedPdu p : pdus) {
            Tpdu.Submit s = (Tpdu.Submit) PduCodec.decode(p.hex());
            assertEquals(p.hex().length() / 2 - 1, p.tpduLength());
            assertEquals(new UserDataHeader.Concat(7, 2, p.part(), false), s.userData().header().concat().get());
            back.append(s.text());
        }
        assertEquals(emoji, back.toString());
        assertArrayEquals(new byte[] {0}, Hex.decode("00"));
    }

    private static String tonName(TypeOfNumber t) {
        return t == TypeOfNumber.INTERNATIONAL ? "international" : t.name().toLowerCase();
    }

    /** "16:00:00", "3 days, 0:00:00". */
    private static Duration pythonTimedelta(String s) {
        Duration d = Duration.ZERO;
        if (s.contains("day")) {
            d = Duration.ofDays(Long.parseLong(s.substring(0, s.indexOf(' '))));
            s = s.substring(s.indexOf(',') + 1).trim();
        }
        String[] hms = s.split(":");
        return d.plusHours(Long.parseLong(hms[0])).plusMinutes(Long.parseLong(hms[1]))
                .plusSeconds(Long.parseLong(hms[2]));
    }
}
