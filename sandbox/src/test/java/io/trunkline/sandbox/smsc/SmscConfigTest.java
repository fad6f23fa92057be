package io.trunkline.sandbox.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.cloudhopper.commons.charset.CharsetUtil;

class SmscConfigTest {

    @Test
    void defaults() {
        SmscConfig c = SmscConfig.defaults();
        assertEquals(0, c.port());
        assertEquals("trunkline", c.systemId());
        assertEquals("secret", c.password());
        assertEquals(Duration.ofMillis(300), c.receiptDelay());
        assertTrue(c.rules().isEmpty());
        assertEquals(0, c.maxSubmitsPerSecond());
    }

    @Test
    void firstMatchingPrefixWinsIgnoringPlus() {
        SmscConfig c = SmscConfig.defaults().withRules(SmscConfig.Rule.undeliverable("+4479"),
                SmscConfig.Rule.rejectSubmit("447"));
        assertEquals("UNDELIV", c.ruleFor("447912345678").orElseThrow().stat());
        assertEquals(0x45, c.ruleFor("+447812345678").orElseThrow().submitStatus());
        assertTrue(c.ruleFor("61412345678").isEmpty());
    }

    @Test
    void parsesRuleLists() {
        List<SmscConfig.Rule> rules = SmscConfig.Rule.parseList(
                "614000=UNDELIV, 614001=submitfail,614002=THROTTLED,614003=EXPIRED,614004=NORECEIPT,614005=SLOW2500");
        assertEquals(6, rules.size());
        assertEquals("001", rules.get(0).err());
        assertEquals(0x45, rules.get(1).submitStatus());
        assertEquals(0x58, rules.get(2).submitStatus());
        assertEquals("EXPIRED", rules.get(3).stat());
        assertFalse(rules.get(4).sendReceipt());
        assertEquals(Duration.ofMillis(2500), rules.get(5).responseDelay());
        assertThrows(IllegalArgumentException.class, () -> SmscConfig.Rule.parseList("614000=BOGUS"));
        assertThrows(IllegalArgumentException.class, () -> SmscConfig.Rule.parseList("nonsense"));
    }

    @Test
    void mainReadsSystemPropertiesOverDefaults() {
        System.setProperty("TRUNKLINE_SMSC_PORT", "2999");
        System.setProperty("TRUNKLINE_SMSC_RECEIPT_DELAY_MS", "50");
        System.setProperty("TRUNKLINE_SMSC_RULES", "999=UNDELIV");
        try {
            SmscConfig c = SmscMain.fromEnvironment();
            assertEquals(2999, c.port());
            assertEquals(Duration.ofMillis(50), c.receiptDelay());
            assertEquals(1, c.rules().size());
            assertEquals(System.getenv().getOrDefault("TRUNKLINE_SMSC_SYSTEM_ID", "trunkline"), c.systemId());
        } finally {
            System.clearProperty("TRUNKLINE_SMSC_PORT");
            System.clearProperty("TRUNKLINE_SMSC_RECEIPT_DELAY_MS");
            System.clearProperty("TRUNKLINE_SMSC_RULES");
        }
    }

    @Test
    void gsmAlphabetAgreesWithCloudhopper() {
        assertEquals(128, Gsm0338.BASIC.length());
        String all = Gsm0338.BASIC.replace("\u001b", "") + "^{}\\[~]|\u20ac\f";
        byte[] ours = Gsm0338.encode(all);
        byte[] theirs = CharsetUtil.encode(all, CharsetUtil.CHARSET_GSM);
        assertEquals(CharsetUtil.decode(theirs, CharsetUtil.CHARSET_GSM), Gsm0338.decode(ours));
        assertEquals(all, Gsm0338.decode(theirs));
        assertNull(Gsm0338.encode("\u4f60"));
    }
}
