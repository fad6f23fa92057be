package io.trunkline.relay.smpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trunkline.events.SmsEncoding;

class MessageEncoderTest {

    @Test
    void gsmAlphabetRoundTripsAndCountsExtensionsTwice() {
        assertEquals(128, Gsm7.BASIC.length());
        String all = Gsm7.BASIC.replace("\u001b", "") + "^{}\\[~]|\u20ac\f";
        assertEquals(all, Gsm7.decode(Gsm7.encode(all)));
        assertArrayEquals(new byte[] {0x00, 0x1B, 0x65, 0x11}, Gsm7.encode("@\u20ac_"));
        assertEquals(2, Gsm7.septets('\u20ac'));
        assertEquals(1, Gsm7.septets('\u00e9'));
        assertEquals(-1, Gsm7.septets('\u00e1'));
        assertFalse(Gsm7.canEncode("caf\u00e1"));
    }

    @Test
    void upTo160SeptetsIsOneUnsplitMessage() {
        List<MessageEncoder.Part> parts = MessageEncoder.encode("a".repeat(160), SmsEncoding.GSM7, 7);
        assertEquals(1, parts.size());
        assertEquals(MessageEncoder.ESM_DEFAULT, parts.get(0).esmClass());
        assertEquals(MessageEncoder.DC_GSM, parts.get(0).dataCoding());
        assertEquals(160, parts.get(0).shortMessage().length);
    }

    @Test
    void longGsmTextGoesAs153SeptetPartsWithConcatenationUdh() {
        String text = "b".repeat(161);
        List<MessageEncoder.Part> parts = MessageEncoder.encode(text, SmsEncoding.GSM7, 0x1A7);
        assertEquals(2, parts.size());
        for (int i = 0; i < 2; i++) {
            MessageEncoder.Part p = parts.get(i);
            assertEquals(MessageEncoder.ESM_UDHI, p.esmClass());
            assertArrayEquals(new byte[] {0x05, 0x00, 0x03, (byte) 0xA7, 0x02, (byte) (i + 1)},
                    Arrays.copyOf(p.shortMessage(), 6), "8-bit reference, total, sequence");
        }
        assertEquals(6 + 153, parts.get(0).shortMessage().length);
        assertEquals(6 + 8, parts.get(1).shortMessage().length);
    }

    @Test
    void anEscapePairIsNeverSplit() {
        String text = "c".repeat(152) + "\u20ac" + "d".repeat(10);
        List<MessageEncoder.Part> parts = MessageEncoder.encode(text, SmsEncoding.GSM7, 1);
        assertEquals(2, parts.size());
        assertEquals(6 + 152, parts.get(0).shortMessage().length, "the euro sign moves to the next part");
        assertEquals(text, decodeGsm(parts));
    }

    @Test
    void ucs2UpTo70UnitsIsOneMessageThen67UnitParts() {
        String seventy = "\u0416".repeat(70);
        List<MessageEncoder.Part> one = MessageEncoder.encode(seventy, SmsEncoding.UCS2, 1);
        assertEquals(1, one.size());
        assertEquals(MessageEncoder.DC_UCS2, one.get(0).dataCoding());
        assertArrayEquals(seventy.getBytes(StandardCharsets.UTF_16BE), one.get(0).shortMessage());

        String text = "\u0416".repeat(150);
        List<MessageEncoder.Part> parts = MessageEncoder.encode(text, SmsEncoding.UCS2, 1);
        assertEquals(3, parts.size());
        assertEquals(6 + 134, parts.get(0).shortMessage().length);
        assertEquals(text, decodeUcs2(parts));
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String text = "x".repeat(66) + "\ud83d\ude00" + "y".repeat(10);
        List<MessageEncoder.Part> parts = MessageEncoder.encode(text, SmsEncoding.UCS2, 1);
        assertEquals(2, parts.size());
        assertEquals(6 + 66 * 2, parts.get(0).shortMessage().length);
        assertEquals(text, decodeUcs2(parts));
    }

    @Test
    void gsm7WithAnUnencodableCharacterFallsBackToUcs2() {
        List<MessageEncoder.Part> parts = MessageEncoder.encode("caf\u00e1", SmsEncoding.GSM7, 1);
        assertEquals(MessageEncoder.DC_UCS2, parts.get(0).dataCoding());
        assertThrows(IllegalArgumentException.class, () -> MessageEncoder.encode("", SmsEncoding.GSM7, 1));
        assertThrows(IllegalArgumentException.class,
                () -> MessageEncoder.encode("z".repeat(153 * 256), SmsEncoding.GSM7, 1));
    }

    @Test
    void conformanceUdhRowDecodesTheSameWay() {
        // mz-deliver_sm-udh-concat (smpp.tsv): UDH 05 00 03 24 03 01 ahead of 8-bit GSM octets
        byte[] udh = {0x05, 0x00, 0x03, 0x24, 0x03, 0x01};
        List<MessageEncoder.Part> parts = MessageEncoder.encode("q".repeat(153 * 2 + 1), SmsEncoding.GSM7, 0x24);
        assertEquals(3, parts.size());
        assertArrayEquals(udh, Arrays.copyOf(parts.get(0).shortMessage(), 6));
        assertTrue(parts.stream().allMatch(p -> p.total() == 3));
    }

    private static String decodeGsm(List<MessageEncoder.Part> parts) {
        StringBuilder sb = new StringBuilder();
        for (MessageEncoder.Part p : parts) {
            sb.append(Gsm7.decode(Arrays.copyOfRange(p.shortMessage(), 6, p.shortMessage().length)));
        }
        return sb.toString();
    }

    private static String decodeUcs2(List<MessageEncoder.Part> parts) {
        StringBuilder sb = new StringBuilder();
        for (MessageEncoder.Part p : parts) {
            sb.append(new String(Arrays.copyOfRange(p.shortMessage(), 6, p.shortMessage().length),
                    StandardCharsets.UTF_16BE));
        }
        return sb.toString();
    }
}
