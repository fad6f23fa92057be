package io.trunkline.sandbox.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;

import com.cloudhopper.smpp.util.DeliveryReceipt;

/**
 * The receipt text against the standard form in {@code shared/conformance/smpp-dlr-receipts.tsv}, and against
 * Cloudhopper's strict parser.
 */
class ReceiptTextTest {
    /**
     * Rows of smpp-dlr-receipts.tsv (id, receipt_short_message, source), used when the shared folder is not next to
     * the checkout.
     */
    private static final Map<String, String[]> EMBEDDED = Map.of(
            "ja-standard", new String[] {
                "id:1891273321 sub:001 dlvrd:001 submit date:1305050826 done date:1305050826 stat:DELIVRD err:000 text:DLVRD TO MOBILE",
                "github:jookies/jasmin@0aac58e466d583d0f0436df7b8afa3dc96191263:tests/protocols/smpp/test_operations.py"},
            "ch-err012", new String[] {
                "id:0123456789 sub:002 dlvrd:001 submit date:1005232039 done date:1005242339 stat:DELIVRD err:012 text:This is a sample mes",
                "github:twitter-archive/cloudhopper-smpp@193d1c4edffe634371e7663a36b313c23b9e1cd5:src/test/java/com/cloudhopper/smpp/util/DeliveryReceiptTest.java"});

    static Map<String, String> conformanceRows() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        Path file = locate();
        if (file == null) {
            EMBEDDED.forEach((id, row) -> rows.put(id, row[0]));
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", -1);
            if (cols.length > 1) {
                rows.put(cols[0], cols[1]);
            }
        }
        return rows;
    }

    private static Path locate() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/smpp-dlr-receipts.tsv");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void formatsTheStandardRowExactly() throws IOException {
        Map<String, String> rows = conformanceRows();
        Instant d = Instant.parse("2013-05-05T08:26:00Z");
        assertEquals(rows.get("ja-standard"),
                ReceiptText.format("1891273321", 1, 1, d, d, "DELIVRD", "000", "DLVRD TO MOBILE"));
        assertEquals(rows.get("ch-err012"), ReceiptText.format("0123456789", 2, 1,
                Instant.parse("2010-05-23T20:39:00Z"), Instant.parse("2010-05-24T23:39:00Z"), "DELIVRD", "012",
                "This is a sample message that is longer than twenty"));
    }

    @Test
    void hasTheStandardShapeAndParsesStrictly() throws Exception {
        String standard = conformanceRows().get("ja-standard");
        Pattern shape = shapeOf(standard);
        String ours = ReceiptText.format("00A1B2C3D4", 1, 0, Instant.now(), Instant.now(), "UNDELIV", "001",
                "Hello w\u00f6rld, how are things today?");
        assertTrue(shape.matcher(standard).matches(), "the pattern describes the standard row");
        assertTrue(shape.matcher(ours).matches(), ours);
        assertEquals("Hello w?rld, how are", ours.substring(ours.indexOf("text:") + 5));
        DeliveryReceipt parsed = DeliveryReceipt.parseShortMessage(ours, DateTimeZone.UTC, true);
        assertEquals("00A1B2C3D4", parsed.getMessageId());
        assertEquals(0, parsed.getDeliveredCount());
        assertEquals("001", parsed.getRawErrorCode());
    }

    /** The standard row with each field value replaced by a pattern of its kind: field names and order stay fixed. */
    static Pattern shapeOf(String row) {
        String p = Pattern.quote(row)
                .replaceFirst("id:\\d+", "id:\\\\E[0-9A-Za-z]{1,65}\\\\Q")
                .replaceFirst("sub:\\d{3}", "sub:\\\\E\\\\d{3}\\\\Q")
                .replaceFirst("dlvrd:\\d{3}", "dlvrd:\\\\E\\\\d{3}\\\\Q")
                .replaceFirst("submit date:\\d{10}", "submit date:\\\\E\\\\d{10}\\\\Q")
                .replaceFirst("done date:\\d{10}", "done date:\\\\E\\\\d{10}\\\\Q")
                .replaceFirst("stat:DELIVRD", "stat:\\\\E[A-Z]{7}\\\\Q")
                .replaceFirst("err:\\d{3}", "err:\\\\E\\\\d{3}\\\\Q")
                .replaceFirst("text:DLVRD TO MOBILE", "text:\\\\E[\\\\x20-\\\\x7e]{0,20}\\\\Q");
        return Pattern.compile(p);
    }
}
