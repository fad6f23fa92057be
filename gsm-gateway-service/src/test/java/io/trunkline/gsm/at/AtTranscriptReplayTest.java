package io.trunkline.gsm.at;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.trunkline.gsm.pdu.Conformance;
import io.trunkline.gsm.pdu.PduCodec;
import io.trunkline.gsm.pdu.PduException;
import io.trunkline.gsm.pdu.Tpdu;
import io.trunkline.gsm.pdu.UserDataHeader;

/** Replays every record of at-transcripts.txt through the parser, byte by byte, as a modem would send it. */
class AtTranscriptReplayTest {

    record Record(String id, String kind, List<String> transcript) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** What the parser reported, in order. */
    static final class Events implements AtParser.Listener {
        final List<String> info = new ArrayList<>();
        final List<String> finals = new ArrayList<>();
        final List<Unsolicited> urcs = new ArrayList<>();
        final List<List<String>> answers = new ArrayList<>();
        int prompts;
        List<String> current = new ArrayList<>();

        @Override
        public void info(String line) {
            info.add(line);
            current.add(line);
        }

        @Override
        public void finalResult(FinalResult result, int code) {
            finals.add(result + (code >= 0 ? ":" + code : ""));
            answers.add(current);
            current = new ArrayList<>();
        }

        @Override
        public void prompt() {
            prompts++;
        }

        @Override
        public void unsolicited(Unsolicited u) {
            urcs.add(u);
        }
    }

    static Stream<Record> records() {
        List<Record> out = new ArrayList<>();
        String id = null;
        String kind = "";
        List<String> lines = null;
        for (String l : Conformance.text("at-transcripts.txt").split("\n")) {
            if (l.startsWith("### [")) {
                id = l.substring(5, l.indexOf(']'));
                lines = new ArrayList<>();
                kind = "";
            } else if (l.startsWith("KIND:")) {
                kind = l.substring(5).trim();
            } else if (l.equals("### END")) {
                out.add(new Record(id, kind, lines));
                id = null;
            } else if (id != null && (l.startsWith(">>") || l.startsWith("<<") || l.equals("---"))) {
                lines.add(l);
            }
        }
        return out.stream();
    }

    static Events replay(Record r) {
        Events e = new Events();
        AtParser p = new AtParser(e);
        for (String l : r.transcript()) {
            if (l.equals("---")) {
                p.commandAbandoned();
                continue;
            }
            String body = l.length() > 3 ? l.substring(3) : "";
            body = body.replaceAll("\\s{3,}\\(.*\\)\\s*$", "");
            if (l.startsWith(">>")) {
                if (body.toUpperCase().startsWith("AT")) {
                    p.commandSent(body.trim());
                } else if (body.startsWith("(any")) {
                    p.commandSent("AT"); // "(any command while SIM PIN locked)"
                }
            } else if (body.equals("> ") || body.equals(">")) {
                p.feed("\r\n> ");
            } else {
                p.feed("\r\n" + body + "\r\n");
            }
        }
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void everyRecordReplaysIntoTheRightEvents(Record r) {
        Events e = replay(r);
        long finalsInTranscript = r.transcript().stream().map(l -> l.length() > 3 ? l.substring(3).trim() : "")
                .filter(l -> l.equals("OK") || l.equals("ERROR") || l.startsWith("+CMS ERROR:")
                        || l.startsWith("+CME ERROR:"))
                .count();
        long stray = e.urcs.stream().filter(u -> u.line().equals("OK") || u.line().equals("ERROR")
                || u.line().startsWith("+CMS ERROR:") || u.line().startsWith("+CME ERROR:")).count();
        assertEquals(finalsInTranscript, e.finals.size() + stray, r.id + ": every final result is seen once");
        long indications = r.transcript().stream().filter(l -> l.startsWith("<< +CMTI:") || l.startsWith("<< +CDSI:"))
                .count();
        assertEquals(indications, e.urcs.stream().filter(u -> u.kind() == Unsolicited.Kind.CMTI
                || u.kind() == Unsolicited.Kind.CDSI).count(), r.id);
        long prompts = r.transcript().stream().filter(l -> l.startsWith("<< >")).count();
        assertEquals(prompts, e.prompts, r.id + ": prompts");
        for (Unsolicited u : e.urcs) {
            if (u.kind() == Unsolicited.Kind.CMT || u.kind() == Unsolicited.Kind.CDS) {
                assertTrue(u.pdu() != null && !u.pdu().isEmpty(), r.id);
            }
        }
        if (r.id.startsWith("gammu-fail-")) {
            RuntimeException ex = assertThrows(RuntimeException.class, () -> readCmgr(e), r.id + " must be refused");
            assertTrue(ex instanceof PduException || ex instanceof AtException, r.id + ": " + ex);
            assertFalse(ex.getMessage().isBlank());
        } else if (r.id.matches("gammu-\\d+") || r.id.equals("gsmmodem-recv-pdu")
                || r.id.equals("gsmmodem-sr-pdu") || r.id.equals("gammu-cmti-cmgr") || r.id.equals("gammu-cdsi-sr")
                || r.id.equals("gsmmodem-sr-zte-broken")) {
            Tpdu t = readCmgr(e);
            assertTrue(t != null, r.id);
        }
    }

    private static Tpdu readCmgr(Events e) {
        List<String> answer = e.answers.stream().filter(a -> !a.isEmpty() && a.get(0).startsWith("+CMGR:"))
                .findFirst().orElseThrow(() -> new AtException("no +CMGR answer"));
        StoredMessages.StoredPdu s = StoredMessages.parseCmgr(1, answer);
        return PduCodec.decodeFromModem(s.pdu());
    }

    static Record record(String id) {
        return records().filter(r -> r.id.equals(id)).findFirst().orElseThrow();
    }

    @Test
    void cmgsAnswerAmongVendorCodesIsTheAnswer() {
        Events e = replay(record("gsmmodem-send-unsolicited-mixed"));
        assertEquals(List.of("+CMGS: <ref>"), e.info);
        assertEquals(List.of("OK"), e.finals);
        assertEquals(1, e.prompts);
        assertEquals(6, e.urcs.size());
        assertTrue(e.urcs.stream().allMatch(u -> u.kind() == Unsolicited.Kind.OTHER));
    }

    @Test
    void statusReportAfterSendIsMatchedByReference() {
        Events e = replay(record("gsmmodem-sr-pdu"));
        assertEquals("+CMGS: 183", e.answers.get(0).get(0));
        Unsolicited cdsi = e.urcs.get(0);
        assertEquals(Unsolicited.Kind.CDSI, cdsi.kind());
        assertEquals("SM", cdsi.memory());
        assertEquals(3, cdsi.index());
        Tpdu.StatusReport sr = assertInstanceOf(Tpdu.StatusReport.class, readCmgr(e));
        assertEquals(183, sr.messageReference());
        assertEquals("0829200000", sr.recipient().toString());
    }

    @Test
    void directStatusReportAndBadPduLine() {
        Events e = replay(record("gammu-cds"));
        Unsolicited cds = e.urcs.get(0);
        assertEquals(Unsolicited.Kind.CDS, cds.kind());
        assertEquals(25, cds.length());
        assertInstanceOf(Tpdu.StatusReport.class, PduCodec.decodeFromModem(cds.pdu()));
        // gammu feeds "+CDS:25" then "BAD": the parser hands it on, the decoder refuses it, nothing crashes
        Events bad = new Events();
        AtParser p = new AtParser(bad);
        p.feed("\r\n+CDS:25\r\nBAD\r\n");
        assertThrows(PduException.class, () -> PduCodec.decodeFromModem(bad.urcs.get(0).pdu()));
    }

    @Test
    void concatenatedUcs2PartsArriveAsCmt() {
        Events e = replay(record("gammu-cmt-concat-ucs2"));
        assertEquals(2, e.urcs.size());
        for (int i = 0; i < 2; i++) {
            Unsolicited u = e.urcs.get(i);
            Tpdu.Deliver d = (Tpdu.Deliver) PduCodec.decodeFromModem(u.pdu());
            assertEquals(new UserDataHeader.Concat(0x2A, 2, i + 1, false), d.userData().header().concat().get());
        }
    }

    @Test
    void cmglListingDecodesAndToleratesAStrayLine() {
        Events e = replay(record("gsmmodem-cmgl-pdu"));
        List<StoredMessages.StoredPdu> list = StoredMessages.parseCmgl(e.answers.get(0));
        assertEquals(3, list.size());
        assertEquals("Hello raspberry pi", ((Tpdu.Deliver) PduCodec.decodeFromModem(list.get(0).pdu())).text());
        assertEquals(Integer.valueOf(1), list.get(2).stat());
        assertTrue(((Tpdu.Deliver) PduCodec.decodeFromModem(list.get(2).pdu())).text()
                .startsWith("Standard Bank:"));
        List<String> withGarbage = new ArrayList<>(e.answers.get(0));
        withGarbage.add(2, "AFDSLKJFDSAF");
        assertEquals(3, StoredMessages.parseCmgl(withGarbage).size());
    }

    @Test
    void zteStatusReportWithoutStat() {
        Events e = replay(record("gsmmodem-sr-zte-broken"));
        StoredMessages.StoredPdu s = StoredMessages.parseCmgr(1, e.answers.get(0));
        assertNull(s.stat());
        assertEquals(28, ((Tpdu.StatusReport) PduCodec.decodeFromModem(s.pdu())).messageReference());
    }

    @Test
    void textModeAnswerIsRefusedClearly() {
        Events e = replay(record("gammu-textmode-fallback"));
        AtException ex = assertThrows(AtException.class, () -> StoredMessages.parseCmgr(1, e.answers.get(0)));
        assertTrue(ex.getMessage().contains("text mode"));
    }

    @Test
    void errorsCarryTheirCodes() {
        Events e = replay(record("gsmmodem-cms-errors"));
        assertEquals(List.of("CMS_ERROR:330", "CMS_ERROR:310", "CMS_ERROR:500", "CMS_ERROR:302", "CME_ERROR:11",
                "CME_ERROR:14", "CME_ERROR:515", "CME_ERROR:22"), e.finals);
        assertEquals(CmsError.Action.PORT_FAULT, CmsError.actionFor(330));
        assertEquals(CmsError.Action.FAIL, CmsError.actionFor(28));
        assertEquals(CmsError.Action.OTHER_PORT, CmsError.actionFor(42));
    }
}
