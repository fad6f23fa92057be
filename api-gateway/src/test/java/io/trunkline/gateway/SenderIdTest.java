package io.trunkline.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SenderIdTest {

    @Test
    void alphanumericSenderIdsAreOneToElevenCharacters() {
        assertTrue(SenderId.isAlphanumeric("Trunkline"));
        assertTrue(SenderId.isAlphanumeric("A"));
        assertTrue(SenderId.isAlphanumeric("Acme Pty"));
        assertTrue(SenderId.isAlphanumeric("ELEVENCHARS"));
        assertTrue(SenderId.isAlphanumeric("12345")); // a short code is not E.164: it must be on the list too
        assertFalse(SenderId.isAlphanumeric("TWELVECHARSX"));
        assertFalse(SenderId.isAlphanumeric(""));
        assertFalse(SenderId.isAlphanumeric(" Acme"));
        assertFalse(SenderId.isAlphanumeric("Acme "));
        assertFalse(SenderId.isAlphanumeric("+61400000000"));
        assertFalse(SenderId.isAlphanumeric("Gar\u00E7on"));
        assertFalse(SenderId.isAlphanumeric(null));
    }

    @Test
    void e164IsAPlusAndUpToFifteenDigits() {
        assertTrue(SenderId.looksE164("+61412345678"));
        assertTrue(SenderId.looksE164("+123456789012345"));
        assertFalse(SenderId.looksE164("+1234567890123456"));
        assertFalse(SenderId.looksE164("+0412345678"));
        assertFalse(SenderId.looksE164("61412345678"));
        assertFalse(SenderId.looksE164("+61 412 345 678"));
    }
}
