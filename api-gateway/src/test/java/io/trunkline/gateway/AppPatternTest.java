package io.trunkline.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.trunkline.gateway.service.AppPattern;

/** The collect app's pattern language. */
class AppPatternTest {

    @Test
    void keywordNumberAndOptionalNote() {
        AppPattern p = AppPattern.compile("BG <number> [<note>]");
        assertEquals(List.of(new AppPattern.Field("number", AppPattern.Type.NUMBER),
                new AppPattern.Field("note", AppPattern.Type.TEXT)), p.fields());
        assertEquals(Map.of("number", new BigDecimal("7.2"), "note", "after lunch"),
                p.match("bg 7.2   after lunch ").orElseThrow());
        assertEquals(Map.of("number", new BigDecimal("7.2")), p.match("BG 7,2").orElseThrow());
        assertTrue(p.match("BG high").isEmpty(), "not a number");
        assertTrue(p.match("BG").isEmpty(), "the number is required");
        assertTrue(p.match("XY 7.2").isEmpty(), "the literal keyword is required");
        assertTrue(p.match("BG7.2").isEmpty(), "elements are separated by whitespace");
    }

    @Test
    void namedTypedFieldsAndNestedOptionalGroups() {
        AppPattern p = AppPattern.compile("REG <ward:word> <age:number> [KG <weight:number> [<comment>]]");
        assertEquals(List.of("ward", "age", "weight", "comment"),
                p.fields().stream().map(AppPattern.Field::name).toList());
        assertEquals(AppPattern.Type.WORD, p.fields().get(0).type());
        assertEquals(Map.of("ward", "B4", "age", new BigDecimal("42")), p.match("reg B4 42").orElseThrow());
        assertEquals(Map.of("ward", "B4", "age", new BigDecimal("42"), "weight", new BigDecimal("80.5"),
                "comment", "feels fine"), p.match("REG B4 42 kg 80.5 feels fine").orElseThrow());
        assertTrue(p.match("REG B4 42 80.5").isEmpty(), "KG must come before the weight");
        assertEquals(AppPattern.Type.WORD, AppPattern.compile("X <a> <b>").fields().get(0).type(),
                "an untyped field before the end is a word");
        assertEquals(AppPattern.Type.TEXT, AppPattern.compile("X <a> <b>").fields().get(1).type(),
                "an untyped field at the end is text");
    }

    @Test
    void malformedPatternsAreRefusedWithAReason() {
        for (String bad : List.of("", "[BG] <number>", "BG <number", "BG <number> ]", "BG [<note>", "BG []",
                "BG <n:colour>", "BG <1x>", "BG <a> <a>")) {
            assertThrows(AppPattern.InvalidPatternException.class, () -> AppPattern.compile(bad), bad);
        }
    }
}
