package io.trunkline.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.trunkline.gateway.config.VerificationConfig;
import io.trunkline.gateway.service.VerificationCodes;
import io.trunkline.gateway.service.VerificationTemplates;

class VerificationCodesTest {

    @Test
    void codesAreDigitsOfTheAskedLengthAndVary() {
        VerificationCodes codes = new VerificationCodes(config("pepper-1", List.of()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String c = codes.generate(4);
            assertTrue(c.matches("[0-9]{4}"), c);
            seen.add(c);
        }
        // 1000 draws from 10,000 codes: a broken generator gives a handful, a uniform one about 950
        assertTrue(seen.size() > 800, "distinct codes: " + seen.size());
        assertTrue(codes.generate(10).matches("[0-9]{10}"));
    }

    @Test
    void theHashIsBoundToTheVerificationAndThePepper() {
        VerificationCodes codes = new VerificationCodes(config("pepper-1", List.of()));
        String h = codes.hash("v-1", "123456");
        assertTrue(h.matches("[0-9a-f]{64}"), h);
        assertFalse(h.contains("123456"));
        assertTrue(codes.matches("v-1", "123456", h));
        assertFalse(codes.matches("v-1", "123457", h));
        assertFalse(codes.matches("v-2", "123456", h), "another verification's code does not fit");
        assertNotEquals(h, codes.hash("v-2", "123456"));
        assertNotEquals(h, new VerificationCodes(config("pepper-2", List.of())).hash("v-1", "123456"));
        assertThrows(IllegalStateException.class, () -> new VerificationCodes(config(" ", List.of())));
    }

    @Test
    void digitsAreSpokenOneByOne() {
        assertEquals("0, 4, 2, 0", VerificationCodes.spoken("0420"));
    }

    @Test
    void localesTemplatesAndVoices() {
        assertEquals(Optional.of("en"), VerificationTemplates.locale(null));
        assertEquals(Optional.of("en-GB"), VerificationTemplates.locale("EN_gb"));
        assertEquals(Optional.of("fr"), VerificationTemplates.locale(" FR "));
        assertEquals(Optional.empty(), VerificationTemplates.locale("pt"));
        assertEquals(Optional.empty(), VerificationTemplates.locale("english"));
        assertEquals("a 12 b 12", VerificationTemplates.render("a {code} b {code}", "12"));
        for (String l : VerificationTemplates.languages()) {
            for (VerificationChannel c : VerificationChannel.values()) {
                assertTrue(VerificationTemplates.builtIn(l, c).contains(VerificationTemplates.PLACEHOLDER), l + c);
            }
        }
        VerificationTemplates t = new VerificationTemplates(config("p", List.of("en=female-en-US",
                "en-GB=female-en-GB")));
        assertEquals(Optional.of("female-en-GB"), t.voice("en-GB"));
        assertEquals(Optional.of("female-en-US"), t.voice("en-AU"), "the language's voice when the region has none");
        assertEquals(Optional.empty(), t.voice("fr"));
        assertThrows(IllegalStateException.class, () -> new VerificationTemplates(config("p", List.of("en"))));
    }

    private static VerificationConfig config(String pepper, List<String> voices) {
        return (VerificationConfig) Proxy.newProxyInstance(VerificationConfig.class.getClassLoader(),
                new Class<?>[] { VerificationConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "pepper" -> pepper;
                    case "callVoices" -> voices;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
