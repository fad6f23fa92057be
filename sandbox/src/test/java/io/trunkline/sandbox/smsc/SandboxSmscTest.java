package io.trunkline.sandbox.smsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.EnquireLinkResp;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.SmppBindException;
import com.cloudhopper.smpp.util.DeliveryReceipt;

/** The sandbox SMSC as a Cloudhopper ESME sees it. */
class SandboxSmscTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private SandboxSmsc smsc(SmscConfig config) throws Exception {
        SandboxSmsc smsc = SandboxSmsc.start(config);
        closeables.add(smsc);
        return smsc;
    }

    private SmppClient client(SandboxSmsc smsc, SmppBindType type) throws Exception {
        SmppClient c = new SmppClient();
        closeables.add(c);
        return c.bind(smsc.port(), type, "trunkline", "secret");
    }

    @Test
    void bindsEveryBindTypeAndAnswersEnquireLink() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults());
        assertTrue(smsc.port() > 0);
        for (SmppBindType type : SmppBindType.values()) {
            SmppClient c = client(smsc, type);
            assertTrue(c.session.isBound(), type + " bound");
            EnquireLinkResp resp = c.session.enquireLink(new EnquireLink(), 5_000);
            assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
        }
        assertEquals(3, smsc.boundSessions());
    }

    @Test
    void wrongPasswordAndUnknownSystemIdAreRefused() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults());
        SmppClient c = new SmppClient();
        closeables.add(c);
        SmppBindException wrongPassword = assertThrows(SmppBindException.class,
                () -> c.bind(smsc.port(), SmppBindType.TRANSCEIVER, "trunkline", "guess"));
        assertEquals(SmppConstants.STATUS_INVPASWD, wrongPassword.getBindResponse().getCommandStatus());
        SmppBindException unknown = assertThrows(SmppBindException.class,
                () -> c.bind(smsc.port(), SmppBindType.TRANSMITTER, "someone", "secret"));
        assertEquals(SmppConstants.STATUS_INVSYSID, unknown.getBindResponse().getCommandStatus());
        assertEquals(0, smsc.boundSessions());
    }

    @Test
    void gsm7SubmitGetsHexIdAndAStandardReceipt() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults());
        SmppClient c = client(smsc, SmppBindType.TRANSCEIVER);
        String text = "Hello @home {x} costs 5\u20ac";
        byte[] gsm = CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM);

        SubmitSmResp resp = c.submit("61400000000", "61412345678", (byte) 0, (byte) 0, gsm, true);

        assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
        String id = resp.getMessageId();
        assertTrue(id.matches("[0-9A-F]{10}"), id);
        Submitted s = smsc.submitted().get(0);
        assertEquals(id, s.messageId());
        assertEquals(text, s.text());
        assertEquals(0, s.dataCoding());
        assertEquals("61412345678", s.destAddr());
        assertArrayEquals(gsm, s.shortMessage());

        DeliverSm receipt = c.nextDelivered();
        assertEquals(SmppConstants.ESM_CLASS_MT_SMSC_DELIVERY_RECEIPT, receipt.getEsmClass());
        assertEquals("61412345678", receipt.getSourceAddress().getAddress());
        assertEquals("61400000000", receipt.getDestAddress().getAddress());
        String body = new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1);
        DeliveryReceipt parsed = DeliveryReceipt.parseShortMessage(body, DateTimeZone.UTC, true);
        assertEquals(id, parsed.getMessageId());
        assertEquals(SmppConstants.STATE_DELIVERED, parsed.getState());
        assertEquals(1, parsed.getSubmitCount());
        assertEquals(1, parsed.getDeliveredCount());
        assertEquals(0, parsed.getErrorCode());
        assertEquals("Hello @home {x} cost", parsed.getText());
        assertEquals(id, receipt.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID).getValueAsString());
        assertEquals(SmppConstants.STATE_DELIVERED,
                receipt.getOptionalParameter(SmppConstants.TAG_MSG_STATE).getValueAsByte());
    }

    @Test
    void ucs2SubmitIsDecodedAndReceipted() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults().withReceiptDelay(Duration.ZERO));
        SmppClient c = client(smsc, SmppBindType.TRANSCEIVER);
        String text = "\u041f\u0440\u0438\u0432\u0435\u0442 \u2713 \ud83d\ude00";

        SubmitSmResp resp = c.submit("61400000000", "61412345679", (byte) 8, (byte) 0,
                text.getBytes(StandardCharsets.UTF_16BE), true);

        assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
        Submitted s = smsc.submitted().get(0);
        assertEquals(8, s.dataCoding());
        assertEquals(text, s.text());
        DeliverSm receipt = c.nextDelivered();
        DeliveryReceipt parsed = DeliveryReceipt.parseShortMessage(
                new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1), DateTimeZone.UTC, true);
        assertEquals(resp.getMessageId(), parsed.getMessageId());
        assertEquals(SmppConstants.STATE_DELIVERED, parsed.getState());
    }

    @Test
    void udhPartsEachGetTheirOwnIdAndReceipt() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults());
        SmppClient c = client(smsc, SmppBindType.TRANSCEIVER);
        String[] parts = {"First part of a long one, ", "and the second."};
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            byte[] udh = {0x05, 0x00, 0x03, 0x2A, 0x02, (byte) (i + 1)};
            byte[] body = CharsetUtil.encode(parts[i], CharsetUtil.CHARSET_GSM);
            byte[] sm = new byte[udh.length + body.length];
            System.arraycopy(udh, 0, sm, 0, udh.length);
            System.arraycopy(body, 0, sm, udh.length, body.length);
            SubmitSmResp resp = c.submit("61400000000", "61412345670", (byte) 0, (byte) 0x40, sm, true);
            assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
            ids.add(resp.getMessageId());
        }
        assertEquals(2, ids.size(), "a message id per part");
        List<Submitted> got = smsc.accepted();
        assertEquals(2, got.size());
        for (int i = 0; i < 2; i++) {
            Submitted s = got.get(i);
            assertTrue(s.udhi());
            assertEquals(parts[i], s.text());
            assertEquals(0x2A, s.concatRef());
            assertEquals(2, s.concatTotal());
            assertEquals(i + 1, s.concatSeq());
        }
        Set<String> receipted = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            DeliverSm r = c.nextDelivered();
            receipted.add(r.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID).getValueAsString());
        }
        assertEquals(ids, receipted);
    }

    @Test
    void destinationRulesFailSubmitsOrDeliveries() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults().withRules(
                SmscConfig.Rule.undeliverable("+4479"), SmscConfig.Rule.rejectSubmit("4478")));
        SmppClient c = client(smsc, SmppBindType.TRANSCEIVER);
        byte[] hi = CharsetUtil.encode("hi", CharsetUtil.CHARSET_GSM);

        SubmitSmResp rejected = c.submit("61400000000", "447800000001", (byte) 0, (byte) 0, hi, true);
        assertEquals(SmppConstants.STATUS_SUBMITFAIL, rejected.getCommandStatus());
        assertNull(smsc.submitted().get(0).messageId());

        SubmitSmResp accepted = c.submit("61400000000", "447900000001", (byte) 0, (byte) 0, hi, true);
        assertEquals(SmppConstants.STATUS_OK, accepted.getCommandStatus());
        DeliverSm receipt = c.nextDelivered();
        String body = new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1);
        DeliveryReceipt parsed = DeliveryReceipt.parseShortMessage(body, DateTimeZone.UTC, true);
        assertEquals(accepted.getMessageId(), parsed.getMessageId());
        assertEquals(SmppConstants.STATE_UNDELIVERABLE, parsed.getState());
        assertEquals(0, parsed.getDeliveredCount());
        assertEquals("001", parsed.getRawErrorCode());
        assertEquals(SmppConstants.STATE_UNDELIVERABLE,
                receipt.getOptionalParameter(SmppConstants.TAG_MSG_STATE).getValueAsByte());
        assertTrue(c.delivered.poll(1, TimeUnit.SECONDS) == null, "no receipt for the refused submit");
    }

    @Test
    void submitsBeyondTheRateAreThrottled() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults().withMaxSubmitsPerSecond(2));
        SmppClient c = client(smsc, SmppBindType.TRANSMITTER);
        byte[] hi = CharsetUtil.encode("hi", CharsetUtil.CHARSET_GSM);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(c.submit("61400000000", "61412345671", (byte) 0, (byte) 0, hi, false).getCommandStatus());
        }
        assertTrue(statuses.contains(SmppConstants.STATUS_THROTTLED), statuses.toString());
        assertTrue(statuses.contains(SmppConstants.STATUS_OK), statuses.toString());
        assertEquals(statuses.stream().filter(s -> s == SmppConstants.STATUS_OK).count(), smsc.accepted().size());
    }

    @Test
    void aReceiptWaitsForAReceiverToBind() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults().withReceiptDelay(Duration.ZERO));
        SmppClient tx = client(smsc, SmppBindType.TRANSMITTER);
        SubmitSmResp resp = tx.submit("61400000000", "61412345672", (byte) 0, (byte) 0,
                CharsetUtil.encode("later", CharsetUtil.CHARSET_GSM), true);
        assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
        assertNull(tx.delivered.poll(500, TimeUnit.MILLISECONDS), "a transmitter gets no deliver_sm");

        SmppClient rx = client(smsc, SmppBindType.RECEIVER);
        DeliverSm receipt = rx.nextDelivered();
        assertEquals(resp.getMessageId(),
                receipt.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID).getValueAsString());
    }

    @Test
    void aReceiptGoesBackOnTheTransceiverThatSubmittedIt() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults().withReceiptDelay(Duration.ZERO));
        SmppClient a = client(smsc, SmppBindType.TRANSCEIVER);
        SmppClient b = client(smsc, SmppBindType.TRANSCEIVER);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SubmitSmResp resp = a.submit("61400000000", "6141234560" + i, (byte) 0, (byte) 0,
                    CharsetUtil.encode("mine " + i, CharsetUtil.CHARSET_GSM), true);
            ids.add(resp.getMessageId());
        }
        List<String> receipted = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            receipted.add(a.nextDelivered().getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID).getValueAsString());
        }
        assertEquals(new java.util.TreeSet<>(ids), new java.util.TreeSet<>(receipted));
        // a second bind of the same account (round robin before) gets none of them
        assertNull(b.delivered.poll(500, TimeUnit.MILLISECONDS));

        // a transmitter cannot take its receipts: they go to a receiving bind of the account (b, once a is gone)
        a.close();
        SmppClient tx = client(smsc, SmppBindType.TRANSMITTER);
        SubmitSmResp viaTx = tx.submit("61400000000", "61412345699", (byte) 0, (byte) 0,
                CharsetUtil.encode("from a transmitter", CharsetUtil.CHARSET_GSM), true);
        assertEquals(viaTx.getMessageId(), b.nextDelivered().getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID)
                .getValueAsString());
    }

    @Test
    void noReceiptUnlessRequested() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults().withReceiptDelay(Duration.ZERO));
        SmppClient c = client(smsc, SmppBindType.TRANSCEIVER);
        c.submit("61400000000", "61412345673", (byte) 0, (byte) 0, CharsetUtil.encode("x", CharsetUtil.CHARSET_GSM),
                false);
        assertNull(c.delivered.poll(800, TimeUnit.MILLISECONDS));
        assertEquals(1, smsc.accepted().size());
    }

    @Test
    void mobileOriginatedMessagesReachTheReceiver() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults());
        SmppClient c = client(smsc, SmppBindType.RECEIVER);
        smsc.sendMo("+61412345678", "61400000000", "Vote YES");
        smsc.sendMo("+61412345678", "61400000000", "\u4f60\u597d");
        DeliverSm gsm = c.nextDelivered();
        assertEquals(0, gsm.getEsmClass());
        assertEquals(0, gsm.getDataCoding());
        assertEquals("Vote YES", CharsetUtil.decode(gsm.getShortMessage(), CharsetUtil.CHARSET_GSM));
        assertEquals("61412345678", gsm.getSourceAddress().getAddress());
        DeliverSm ucs2 = c.nextDelivered();
        assertEquals(8, ucs2.getDataCoding());
        assertEquals("\u4f60\u597d", new String(ucs2.getShortMessage(), StandardCharsets.UTF_16BE));
    }

    @Test
    void droppedConnectionsCanBindAgain() throws Exception {
        SandboxSmsc smsc = smsc(SmscConfig.defaults());
        SmppClient first = client(smsc, SmppBindType.TRANSCEIVER);
        smsc.dropConnections();
        assertTrue(first.peerClosed.await(10, TimeUnit.SECONDS), "the ESME saw its connection closed");
        long until = System.currentTimeMillis() + 5_000;
        while (smsc.boundSessions() > 0 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertEquals(0, smsc.boundSessions());
        SmppClient second = client(smsc, SmppBindType.TRANSCEIVER);
        assertTrue(second.session.isBound());
        assertNotEquals(0, smsc.port());
    }
}
