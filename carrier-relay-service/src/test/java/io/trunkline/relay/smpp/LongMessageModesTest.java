package io.trunkline.relay.smpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

import io.trunkline.events.SmsEncoding;
import io.trunkline.relay.config.RelayConfig;

/** Long-message modes, per-carrier id formats, concatenated MO parsing and the token bucket. */
class LongMessageModesTest {

    @Test
    void sarPartsCarryNoUdhAndA16BitReference() {
        String text = "s".repeat(153 * 2 + 10);
        List<MessageEncoder.Part> parts = MessageEncoder.encode(text, SmsEncoding.GSM7, 0x1234,
                RelayConfig.LongMessageMode.SAR);
        assertEquals(3, parts.size());
        for (MessageEncoder.Part p : parts) {
            assertEquals(0, p.esmClass());
            assertEquals(0x1234, p.sarRef());
            assertNull(p.payload());
        }
        assertEquals(153, parts.get(0).shortMessage().length);
        assertEquals(10, parts.get(2).shortMessage().length);
    }

    @Test
    void payloadModeSendsTheWholeTextOnce() {
        String text = "\u0416".repeat(150);
        List<MessageEncoder.Part> parts = MessageEncoder.encode(text, SmsEncoding.UCS2, 1,
                RelayConfig.LongMessageMode.PAYLOAD);
        assertEquals(1, parts.size());
        assertEquals(0, parts.get(0).shortMessage().length);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_16BE), parts.get(0).payload());
        assertEquals(MessageEncoder.DC_UCS2, parts.get(0).dataCoding());
    }

    @Test
    void aShortTextIsOnePlainPartInEveryMode() {
        for (RelayConfig.LongMessageMode mode : RelayConfig.LongMessageMode.values()) {
            List<MessageEncoder.Part> parts = MessageEncoder.encode("hi", SmsEncoding.GSM7, 1, mode);
            assertEquals(1, parts.size());
            assertEquals(-1, parts.get(0).sarRef());
            assertNull(parts.get(0).payload());
        }
    }

    @Test
    void idFormatsRestrictTheCandidates() {
        List<String> quoted = List.of("4660839");
        assertEquals(List.of("4660839", "471e67", "73795641"), MessageIds.candidates(quoted));
        assertEquals(List.of("4660839"), MessageIds.candidates(quoted, RelayConfig.IdFormat.AS_IS));
        assertEquals(List.of("4660839", "471e67"),
                MessageIds.candidates(quoted, RelayConfig.IdFormat.HEX_RESP_DECIMAL_RECEIPT));
        assertEquals(List.of("4660839", "73795641"),
                MessageIds.candidates(quoted, RelayConfig.IdFormat.DECIMAL_RESP_HEX_RECEIPT));
    }

    @Test
    void concatenatedMoPartsAreRecognisedByUdhAndBySar() {
        byte[] udh = {5, 0, 3, 9, 2, 1, 0x68, 0x69};
        MoMessage a = MoMessage.of(1, "61412000001", 1, "61400000001", 0x40, 0, udh, null);
        assertTrue(a.concatenated());
        assertEquals(9, a.ref());
        assertEquals(2, a.total());
        assertEquals(1, a.seq());
        assertEquals("hi", a.text());

        byte[] udh16 = {6, 8, 4, 0x12, 0x34, 3, 3, 0x6f};
        MoMessage b = MoMessage.of(1, "61412000001", 1, "61400000001", 0x40, 0, udh16, null);
        assertEquals(0x1234, b.ref());
        assertEquals(3, b.seq());

        MoMessage c = MoMessage.of(1, "61412000001", 1, "61400000001", 0, 0, new byte[] {0x6f, 0x6b},
                new OptionalParameter[] {new OptionalParameter.Sar_msg_ref_num((short) 77),
                    new OptionalParameter.Sar_total_segments((byte) 2),
                    new OptionalParameter.Sar_segment_seqnum((byte) 2)});
        assertEquals(77, c.ref());
        assertEquals(2, c.total());
        assertEquals(2, c.seq());
        assertEquals("ok", c.text());

        MoMessage single = MoMessage.of(1, "61412000001", 1, "61400000001", 0, 0, new byte[] {0x6f}, null);
        assertEquals(false, single.concatenated());
    }

    @Test
    void theTokenBucketHandsOutItsBurstAtOnceThenWaits() throws Exception {
        TokenBucket b = new TokenBucket(10, 3);
        assertTrue(b.tryAcquire());
        assertTrue(b.tryAcquire());
        assertTrue(b.tryAcquire());
        assertEquals(false, b.tryAcquire(), "the burst is spent");
        b.acquire(); // waits for the next token (about 100 ms) rather than failing
        assertTrue(TokenBucket.perSecond(0).unlimited());
    }
}
