package io.trunkline.relay.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsmpp.bean.DeliverSm;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trunkline.events.SmsEncoding;
import io.trunkline.relay.PartState;

/**
 * Receipts and inbound messages from the conformance samples (src/test/resources/conformance, copied from
 * shared/conformance with their source columns): the text variants of smpp-dlr-receipts.tsv and the real
 * deliver_sm PDUs of smpp.tsv, decoded by jSMPP as on the wire.
 */
class ReceiptParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TLVS = Pattern.compile("\\[TLVs: ([^]]*)]");

    /** Rows whose asserted column does not name the id and state: what the text plainly says. */
    private static final Map<String, String[]> STATED = Map.ofEntries(
            Map.entry("ch-gen-pad-id", new String[] {"0000000001", null}),
            Map.entry("ch-gen-enroute", new String[] {"12345", "ENROUTE"}),
            Map.entry("ch-missing-su", new String[] {"0123456789", "DELIVRD"}),
            Map.entry("ch-missing-submit", new String[] {"0123456789", "DELIVRD"}),
            Map.entry("ch-missing-sat", new String[] {"0123456789", null}),
            Map.entry("ps-12digit", new String[] {"795920026", "DELIVRD"}),
            Map.entry("issue-jasmin-447-failed", new String[] {"1216080510463401720", "FAILED"}),
            Map.entry("issue-jsmpp-62", new String[] {"1526758174", "DELIVRD"}),
            Map.entry("issue-jsmpp-67", new String[] {"0654354026", "DELIVRD"}),
            Map.entry("issue-jasmin-1239-smpporg", new String[] {"123A456B", "DELIVRD"}),
            Map.entry("issue-jasmin-1239-jasmin", new String[] {"1298d520-b783-49d9-87af-643d7bf13304", "DELIVRD"}),
            Map.entry("ja-payload-receipt", new String[] {"0000436949", "DELIVRD"}));

    static List<String[]> rows(String file) throws IOException {
        try (InputStream in = ReceiptParserTest.class.getResourceAsStream("/conformance/" + file)) {
            List<String[]> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    rows.add(lines[i].split("\t", -1));
                }
            }
            return rows;
        }
    }

    /** {@code \x04} in the TSV stands for the byte 0x04. */
    static String unescape(String s) {
        Matcher m = Pattern.compile("\\\\x([0-9a-fA-F]{2})").matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Test
    void everyTextVariantYieldsItsIdAndState() throws IOException {
        int checked = 0;
        for (String[] row : rows("smpp-dlr-receipts.tsv")) {
            String id = row[0];
            String text = unescape(row[1]).replace("(generated) ", "");
            String tlvId = null;
            Integer tlvState = null;
            Matcher tlv = TLVS.matcher(text);
            if (tlv.find()) {
                for (String kv : tlv.group(1).split(",\\s*")) {
                    String[] p = kv.split("=");
                    if (p[0].equals("receipted_message_id")) {
                        tlvId = p[1];
                    } else if (p[0].equals("message_state")) {
                        tlvState = MessageState.valueOf(p[1]).code();
                    }
                }
                text = text.substring(0, tlv.start()).trim();
                if (text.startsWith("(data_sm")) {
                    text = "";
                }
            }
            DeliveryReceipt r = ReceiptParser.parseText(text, tlvId, tlvState);
            String[] expected = expectation(id, row[2], tlvId);
            if (expected[0] != null) {
                assertTrue(r.candidates().contains(MessageIds.normalise(expected[0])),
                        id + ": " + r.candidates() + " should hold " + expected[0]);
                assertEquals(MessageIds.normalise(expected[0]), r.candidates().get(0), id + ": most likely id first");
            }
            if ("-".equals(expected[1])) {
                // the row asserts the id only
            } else if (expected[1] == null) {
                assertTrue(r.stat().isEmpty(), id + ": no state to read, got " + r.stat());
                assertEquals(PartState.UNKNOWN, r.partState(), id);
            } else {
                assertEquals(ReceiptStat.parse(expected[1]).orElseThrow(), r.stat().orElseThrow(), id);
            }
            checked++;
        }
        assertEquals(32, checked);
    }

    /** {id, stat word ("-": not asserted)} a row asserts (jasmin's "id"/"stat", Cloudhopper's "messageId"/"state", TLV names). */
    private static String[] expectation(String rowId, String asserted, String tlvId) throws IOException {
        if (STATED.containsKey(rowId)) {
            return STATED.get(rowId);
        }
        JsonNode j = JSON.readTree(asserted);
        String id = tlvId != null ? tlvId : text(j, "id", "messageId");
        if (id != null && id.startsWith("b'")) {
            id = id.substring(2, id.length() - 1);
        }
        String stat = text(j, "stat", "state", "message_state");
        return new String[] {id, stat == null ? "-" : stat};
    }

    private static String text(JsonNode j, String... names) {
        for (String n : names) {
            JsonNode v = j.get(n);
            if (v != null && v.isTextual() && !v.asText().equals("ND")) {
                return v.asText();
            }
        }
        return null;
    }

    @Test
    void readsTheFieldsOfTheStandardForm() {
        DeliveryReceipt r = ReceiptParser.parseText("id:0123456789 sub:002 dlvrd:001 submit date:1005232039 "
                + "done date:1005242339 stat:UNDELIV err:012 text:This is a sample mes", null, null);
        assertEquals("0123456789", r.textId());
        assertEquals("002", r.sub());
        assertEquals("001", r.dlvrd());
        assertEquals("1005232039", r.submitDate());
        assertEquals("1005242339", r.doneDate());
        assertEquals("012", r.err());
        assertEquals(PartState.UNDELIVERED, r.partState());
        assertEquals(List.of("123456789", "75bcd15", "4886718345"), r.candidates());
    }

    @Test
    void theTlvsWinOverTheText() {
        DeliveryReceipt r = ReceiptParser.parseText(
                "id:5000 submit date:201506201641 done date:201506201641 stat:DELIVRD err:000", "6000",
                MessageState.ACCEPTED.code());
        assertEquals("6000", r.candidates().get(0));
        assertEquals(ReceiptStat.ACCEPTD, r.stat().orElseThrow());
        assertFalse(r.partState().settled());
    }

    @Test
    void wordsInsideTheTextFieldDoNotOverrideFields() {
        DeliveryReceipt r = ReceiptParser.parseText(
                "id:77 sub:001 dlvrd:001 submit date:2401010000 done date:2401010000 stat:DELIVRD err:000 "
                        + "text:my id:99 stat:UNDELIV", null, null);
        assertEquals("77", r.textId());
        assertEquals(ReceiptStat.DELIVRD, r.stat().orElseThrow());
    }

    /** Expected per deliver_sm row of smpp.tsv that is a receipt: an id it must match, stat word, err. */
    private static final Map<String, String[]> PDU_RECEIPTS = new LinkedHashMap<>();

    static {
        PDU_RECEIPTS.put("ch-deliver_sm-dlr", new String[] {"38601fa", "DELIVRD", "000"});
        PDU_RECEIPTS.put("ch-deliver_sm-dlr-accepted-err107", new String[] {"94251430923", "ACCEPTD", "107"});
        PDU_RECEIPTS.put("ch-deliver_sm-dlr-dcs3", new String[] {"126E85A6EDEAC1A02020099312479564", "DELIVRD", "000"});
        PDU_RECEIPTS.put("mz-deliver_sm-dlr", new String[] {"70BA8A69", "DELIVRD", "000"});
        PDU_RECEIPTS.put("ja-dlr-undeliv-nec", new String[] {"6a3ed98a66444e8abac3acd9bba8656f", "UNDELIV", "000"});
        PDU_RECEIPTS.put("ja-dlr-nec-binary", new String[] {"bc59b8aa-2fd2-4035-8113-19301e050079", "DELIVRD", "000"});
        PDU_RECEIPTS.put("ja-dlr-payload", new String[] {"6aad5", "DELIVRD", "000"});
        PDU_RECEIPTS.put("ja-dlr-vendor-tlv-1454", new String[] {"145100315320224957", "DELIVRD", "0000"});
        PDU_RECEIPTS.put("ja-dlr-vendor-tlv-060d", new String[] {"4d19c83c", "DELIVRD", "0000"});
        PDU_RECEIPTS.put("ja-dlr-nonascii-text", new String[] {"18d0e03a", "DELIVRD", "000"});
        PDU_RECEIPTS.put("ja-dlr-more-msgs-tlv", new String[] {"18d0e03a", "DELIVRD", "000"});
        PDU_RECEIPTS.put("ps-dlr-payload-ucs2", new String[] {"1d305b4c", "DELIVRD", "000"});
        PDU_RECEIPTS.put("ps-dlr-vendor-tlvs", new String[] {"795920026", "DELIVRD", "000"});
    }

    @Test
    void realDeliverSmPdusAreClassifiedAndParsed() throws Exception {
        int receipts = 0;
        int messages = 0;
        for (String[] row : rows("smpp.tsv")) {
            if (!row[1].equals("deliver_sm")) {
                continue;
            }
            DeliverSm d = new DefaultDecomposer().deliverSm(HexFormat.of().parseHex(row[2].toLowerCase()));
            boolean receipt = ReceiptParser.isReceipt(d.getEsmClass() & 0xFF, d.getOptionalParameters());
            String[] expected = PDU_RECEIPTS.get(row[0]);
            assertEquals(expected != null, receipt, row[0]);
            if (receipt) {
                DeliveryReceipt r = ReceiptParser.parse(d.getDataCoding(), d.getShortMessage(),
                        d.getOptionalParameters());
                assertEquals(MessageIds.normalise(expected[0]), r.candidates().get(0), row[0]);
                assertEquals(ReceiptStat.valueOf(expected[1]), r.stat().orElseThrow(), row[0]);
                assertEquals(expected[2], r.err(), row[0]);
                receipts++;
            } else {
                MoMessage mo = MoMessage.of(d.getSourceAddrTon(), d.getSourceAddr(), d.getDestAddrTon(),
                        d.getDestAddress(), d.getEsmClass(), d.getDataCoding(), d.getShortMessage(),
                        d.getOptionalParameters());
                assertFalse(mo.from().isBlank(), row[0]);
                messages++;
            }
        }
        assertEquals(PDU_RECEIPTS.size(), receipts);
        assertEquals(13, messages);
    }

    /** The text of a receipt's decimal id and the hex id of its TLV name the same part. */
    @Test
    void decimalTextIdsMatchHexTlvIds() throws Exception {
        for (String rowId : List.of("ch-deliver_sm-dlr", "mz-deliver_sm-dlr", "ja-dlr-nonascii-text",
                "ps-dlr-payload-ucs2")) {
            String[] row = rows("smpp.tsv").stream().filter(r -> r[0].equals(rowId)).findFirst().orElseThrow();
            DeliverSm d = new DefaultDecomposer().deliverSm(HexFormat.of().parseHex(row[2].toLowerCase()));
            DeliveryReceipt r = ReceiptParser.parse(d.getDataCoding(), d.getShortMessage(), d.getOptionalParameters());
            List<String> fromText = MessageIds.candidates(r.textId());
            assertTrue(fromText.contains(MessageIds.normalise(r.tlvId())), rowId + ": " + fromText + " / " + r.tlvId());
        }
    }

    @Test
    void inboundMessagesDecodeByDataCoding() throws Exception {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String[] row : rows("smpp.tsv")) {
            if (row[1].equals("deliver_sm")) {
                DeliverSm d = new DefaultDecomposer().deliverSm(HexFormat.of().parseHex(row[2].toLowerCase()));
                if (!ReceiptParser.isReceipt(d.getEsmClass() & 0xFF, d.getOptionalParameters())) {
                    MoMessage mo = MoMessage.of(d.getSourceAddrTon(), d.getSourceAddr(), d.getDestAddrTon(),
                            d.getDestAddress(), d.getEsmClass(), d.getDataCoding(), d.getShortMessage(),
                            d.getOptionalParameters());
                    texts.put(row[0], mo.text());
                    if (row[0].equals("mz-deliver_sm-ucs2")) {
                        assertEquals(SmsEncoding.UCS2, mo.encoding());
                        assertEquals("+15551234567", mo.from());
                    }
                }
            }
        }
        assertEquals("\u00f1u\u0144\u00ed\u00fcs", texts.get("mz-deliver_sm-ucs2"));
        assertEquals("Espa\u00f1a", texts.get("mz-deliver_sm-latin1"));
        assertEquals("there is no spoon", texts.get("mz-deliver_sm-mo-latin1"));
        assertEquals("Is this justin", texts.get("mz-deliver_sm-ascii-tlv"));
        assertEquals("Hello I'm a bigg fan of you", texts.get("mz-deliver_sm-subaddr"));
        assertTrue(texts.get("mz-deliver_sm-udh-concat").startsWith("hi justin how are you?"), "UDH stripped");
        assertTrue(texts.get("ch-deliver_sm-payload").contains("Maidenman664 was it sappy?"), "message_payload");
        assertEquals("T- Mobile flip phone \u00a7 \u00a8 N random special charcters",
                texts.get("mz-deliver_sm-gsm-8bit-highchars"));
        assertNull(texts.get("ch-deliver_sm-dlr"));
    }
}
