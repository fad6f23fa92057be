package io.trunkline.relay.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void normalisesCaseZerosNulsAndSpace() {
        assertEquals("a1b2c3", MessageIds.normalise(" 000A1B2C3\u0000"));
        assertEquals("436949", MessageIds.normalise("0000436949"));
        assertEquals("0", MessageIds.normalise("0000"));
        assertEquals("ff", MessageIds.normalise("0xFF"));
        assertEquals("4a38dc46-5125-4969-90be-72104c340d5c", MessageIds.normalise("4A38DC46-5125-4969-90BE-72104C340D5C"));
    }

    @Test
    void aDecimalReceiptIdFindsTheHexSubmitId() {
        // mz-deliver_sm-dlr: text id 1891273321, receipted_message_id 70BA8A69
        assertTrue(MessageIds.candidates("1891273321").contains(MessageIds.normalise("70BA8A69")));
        // ch-deliver_sm-dlr: text id 0059113978, receipted_message_id 38601fa
        assertTrue(MessageIds.candidates("0059113978").contains(MessageIds.normalise("38601fa")));
    }

    @Test
    void aHexReceiptIdFindsTheDecimalSubmitId() {
        assertTrue(MessageIds.candidates("3039").contains("12345"));
        assertEquals("3039", MessageIds.candidates("3039").get(0), "as quoted comes first");
    }

    @Test
    void nonNumericIdsOnlyMatchThemselves() {
        assertEquals(List.of("bc59b8aa-2fd2-4035-8113-19301e050079"),
                MessageIds.candidates("bc59b8aa-2fd2-4035-8113-19301e050079"));
        assertEquals(List.of(), MessageIds.candidates(" "));
    }

    @Test
    void severalQuotedIdsKeepTheirOrderWithoutRepeats() {
        // each as quoted, as decimal read as hex... : 6000 = 0x1770, 0x6000 = 24576
        assertEquals(List.of("6000", "1770", "24576", "5000", "1388", "20480"),
                MessageIds.candidates(List.of("6000", "5000")));
        assertEquals(List.of("1a", "26"), MessageIds.candidates(List.of("1A", "0x1a")));
    }
}
