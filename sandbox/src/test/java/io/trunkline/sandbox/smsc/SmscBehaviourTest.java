package io.trunkline.sandbox.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.util.DeliveryReceipt;

/** The stand-in's run-time behaviours (latency, outcome ratios, receipt formats, drops) seen by a Cloudhopper ESME. */
class SmscBehaviourTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private SandboxSmsc smsc() throws Exception {
        SandboxSmsc smsc = SandboxSmsc.start(SmscConfig.defaults().withReceiptDelay(Duration.ZERO));
        closeables.add(smsc);
        return smsc;
    }

    private SmppClient client(SandboxSmsc smsc) throws Exception {
        SmppClient c = new SmppClient();
        closeables.add(c);
        return c.bind(smsc.port(), SmppBindType.TRANSCEIVER, "trunkline", "secret");
    }

    private static byte[] gsm(String text) {
        return CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM);
    }

    @Test
    void outcomeRatiosDrawUndeliveredAndExpiredReceipts() throws Exception {
        SandboxSmsc smsc = smsc().setOutcomeRatios(0.3, 0.2);
        SmppClient c = client(smsc);
        int n = 200;
        for (int i = 0; i < n; i++) {
            assertEquals(0, c.submit("61400000000", "6141300" + i, (byte) 0, (byte) 0, gsm("r" + i), true)
                    .getCommandStatus());
        }
        Map<Byte, Integer> states = new HashMap<>();
        for (int i = 0; i < n; i++) {
            DeliverSm d = c.nextDelivered();
            states.merge(d.getOptionalParameter(SmppConstants.TAG_MSG_STATE).getValueAsByte(), 1, Integer::sum);
        }
        int delivered = states.getOrDefault(SmppConstants.STATE_DELIVERED, 0);
        int undelivered = states.getOrDefault(SmppConstants.STATE_UNDELIVERABLE, 0);
        int expired = states.getOrDefault(SmppConstants.STATE_EXPIRED, 0);
        assertEquals(n, delivered + undelivered + expired, "only the three outcomes: " + states);
        // 200 draws: each count lies well inside these bounds unless the ratios are ignored
        assertTrue(undelivered > 30 && undelivered < 95, "undelivered " + undelivered);
        assertTrue(expired > 15 && expired < 70, "expired " + expired);
        assertTrue(delivered > 60, "delivered " + delivered);
    }

    @Test
    void receiptFormatsTextOnlyTlvOnlyAndDecimalIds() throws Exception {
        SandboxSmsc smsc = smsc();
        SmppClient c = client(smsc);

        smsc.setReceiptFormat(SandboxSmsc.ReceiptFormat.TEXT_ONLY);
        SubmitSmResp r1 = c.submit("61400000000", "61413000001", (byte) 0, (byte) 0, gsm("one"), true);
        DeliverSm d1 = c.nextDelivered();
        assertNull(d1.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID));
        assertEquals(r1.getMessageId(), DeliveryReceipt.parseShortMessage(
                new String(d1.getShortMessage(), StandardCharsets.ISO_8859_1), DateTimeZone.UTC, true).getMessageId());

        smsc.setReceiptFormat(SandboxSmsc.ReceiptFormat.TLV_ONLY);
        SubmitSmResp r2 = c.submit("61400000000", "61413000002", (byte) 0, (byte) 0, gsm("two"), true);
        DeliverSm d2 = c.nextDelivered();
        assertEquals(0, d2.getShortMessageLength());
        assertEquals(r2.getMessageId(), d2.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID).getValueAsString());

        smsc.setReceiptFormat(SandboxSmsc.ReceiptFormat.TEXT_DECIMAL_ID);
        SubmitSmResp r3 = c.submit("61400000000", "61413000003", (byte) 0, (byte) 0, gsm("three"), true);
        DeliverSm d3 = c.nextDelivered();
        String quoted = DeliveryReceipt.parseShortMessage(new String(d3.getShortMessage(), StandardCharsets.ISO_8859_1),
                DateTimeZone.UTC, true).getMessageId();
        assertEquals(new BigInteger(r3.getMessageId(), 16).toString(10), quoted);
    }

    @Test
    void latencyHoldsTheResponseBack() throws Exception {
        SandboxSmsc smsc = smsc().setSubmitLatency(Duration.ofMillis(300));
        SmppClient c = client(smsc);
        long start = System.nanoTime();
        assertEquals(0, c.submit("61400000000", "61413000004", (byte) 0, (byte) 0, gsm("slow"), false)
                .getCommandStatus());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 300);
    }

    @Test
    void dropEverySubmitsClosesTheConnectionAfterAcceptingTheSubmit() throws Exception {
        SandboxSmsc smsc = smsc().setDropEverySubmits(2);
        SmppClient c = client(smsc);
        assertEquals(0, c.submit("61400000000", "61413000005", (byte) 0, (byte) 0, gsm("a"), false)
                .getCommandStatus());
        try {
            c.submit("61400000000", "61413000006", (byte) 0, (byte) 0, gsm("b"), false);
        } catch (Exception expected) {
            // the connection went away before the answer
        }
        assertTrue(c.peerClosed.await(10, TimeUnit.SECONDS), "the SMSC dropped the connection");
        assertEquals(2, smsc.accepted().size(), "the second submit was taken although never answered");
    }

    @Test
    void concatenatedMoPartsCarryAUdh() throws Exception {
        SandboxSmsc smsc = smsc();
        SmppClient c = client(smsc);
        String text = "m".repeat(200);
        assertEquals(2, smsc.sendMoConcatenated("+61412000001", "+61400000001", text, 7, 2, 1));
        DeliverSm second = c.nextDelivered();
        DeliverSm first = c.nextDelivered();
        assertEquals(0x40, second.getEsmClass() & 0x40);
        byte[] sm = second.getShortMessage();
        assertEquals(7, sm[3]);
        assertEquals(2, sm[4]);
        assertEquals(2, sm[5]);
        assertEquals(1, first.getShortMessage()[5]);
        assertEquals(153 + 6, first.getShortMessageLength());
    }
}
