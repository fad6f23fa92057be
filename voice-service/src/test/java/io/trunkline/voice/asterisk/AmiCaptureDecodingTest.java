package io.trunkline.voice.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.CapturedEvents;
import org.junit.jupiter.api.Test;

/**
 * Every event Asterisk 22.10 sent in ../shared/conformance/ami-asterisk22-captures.txt (PART 1 and PART 3: the AMI
 * Originate scenarios), decoded by asterisk-java's own event builder and fed, in captured order, to the AMI driver:
 * each originated leg must come out in the call state the capture shows, whatever the order of its events.
 */
class AmiCaptureDecodingTest {
    private static final Path CAPTURES = Path.of("src", "test", "resources", "conformance", "ami-asterisk22-captures.txt") /* copied verbatim from ../shared/conformance */;

    record Scenario(String title, List<Map<String, Object>> events, List<String> actionIds) {
    }

    /** What the driver reported for one leg, in order. */
    static final class Recorder implements LegListener {
        final Map<String, List<String>> steps = new LinkedHashMap<>();

        @Override
        public void answered(String legId, String channel, Instant at) {
            steps.computeIfAbsent(legId, k -> new ArrayList<>()).add("answered " + channel);
        }

        @Override
        public void ended(String legId, LegOutcome outcome, Integer cause, String detail, Instant at) {
            steps.computeIfAbsent(legId, k -> new ArrayList<>()).add("ended " + outcome + " cause " + cause);
        }
    }

    @Test
    void everyCapturedOriginateEndsInTheStateAsteriskReported() throws Exception {
        List<Scenario> scenarios = scenarios(Files.readAllLines(CAPTURES));
        CapturedEvents builder = new CapturedEvents();
        AmiDriver driver = new AmiDriver(new AmiConnection(null));
        Recorder rec = new Recorder();
        driver.listener(rec);
        int decoded = 0;
        for (Scenario s : scenarios) {
            for (String id : s.actionIds()) {
                driver.follow(id);
            }
            for (Map<String, Object> ev : s.events()) {
                ManagerEvent event = builder.build(this, ev);
                assertNotNull(event, () -> "asterisk-java decodes " + ev.get("event") + " in " + s.title());
                driver.onEvent(event);
                decoded++;
            }
        }
        assertTrue(decoded > 300, "decoded " + decoded + " events");

        Map<String, List<String>> expected = new HashMap<>();
        expected.put("x1", List.of("answered Local/answer@sim-00000000;1", "ended ANSWERED cause 16"));
        expected.put("x2", List.of("ended BUSY cause 17"));
        expected.put("x3", List.of("ended NO_ANSWER cause 19"));
        expected.put("x4", List.of("ended CONGESTION cause 34"));
        // Reason 0 without our ChannelId: Asterisk names no channel we could tie a Hangup cause to
        expected.put("x5", List.of("ended FAILED cause null"));
        expected.put("x6", List.of("ended FAILED cause null"));
        expected.put("e2", List.of("ended FAILED cause null"));
        expected.put("cid1", List.of("ended BUSY cause 17"));
        expected.put("cid2", List.of("answered Local/answer@sim-0000000d;1", "ended ANSWERED cause 16"));
        expected.put("f1", List.of("ended BUSY cause 17"));
        expected.put("app1", List.of("answered Local/answer@sim-0000000f;1", "ended ANSWERED cause 0"));
        expected.put("c-na", List.of("ended NO_ANSWER cause 19"));
        expected.put("c-ans", List.of("answered Local/answer@sim-00000011;1", "ended ANSWERED cause 16"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            assertEquals(e.getValue(), rec.steps.get(e.getKey()), "leg " + e.getKey());
        }
        // x7 was a synchronous Originate (no OriginateResponse) and poll1 ran with events off: still open
        assertEquals(null, rec.steps.get("poll1"));
    }

    @Test
    void originateResponseReasonsAreReadAsAsterisk22SendsThem() {
        assertEquals(LegOutcome.ANSWERED, LegOutcome.ofReason(4));
        assertEquals(LegOutcome.NO_ANSWER, LegOutcome.ofReason(3));
        assertEquals(LegOutcome.BUSY, LegOutcome.ofReason(5));
        assertEquals(LegOutcome.CONGESTION, LegOutcome.ofReason(8));
        assertEquals(LegOutcome.FAILED, LegOutcome.ofReason(0));
        assertEquals(LegOutcome.FAILED, LegOutcome.ofReason(1));
        assertEquals(LegOutcome.BUSY, LegOutcome.ofCause(17));
        assertEquals(LegOutcome.NO_ANSWER, LegOutcome.ofCause(19));
        assertEquals(LegOutcome.CONGESTION, LegOutcome.ofCause(34));
        assertEquals(LegOutcome.FAILED, LegOutcome.ofCause(21));
    }

    @Test
    void archivedCallFilesOfTheCapturesReadAsCompletedOrExpired() throws Exception {
        String text = Files.readString(CAPTURES);
        String part = text.substring(text.indexOf("PART 2b"), text.indexOf("PART 3"));
        String[] files = part.split("----- spool/outgoing_done/");
        Map<String, String> status = new LinkedHashMap<>();
        for (int i = 1; i < files.length; i++) {
            String name = files[i].substring(0, files[i].indexOf('\n')).trim();
            status.put(name, CallFileDriver.statusOf(files[i]));
        }
        assertEquals(Map.of("cf1-answer.call", "Completed", "cf2-busy.call", "Expired", "cf3-noanswer.call",
                "Expired", "cf4-busy-failedhandler.call", "Expired"), status);
    }

    /** The Originate scenarios: each one's received messages as maps with lower-case keys, and its ActionIDs. */
    static List<Scenario> scenarios(List<String> lines) {
        List<Scenario> out = new ArrayList<>();
        boolean inPart = false;
        String title = null;
        List<Map<String, Object>> events = null;
        List<String> ids = null;
        Map<String, Object> msg = null;
        boolean inOriginate = false;
        for (String raw : lines) {
            if (raw.startsWith("##############################")) {
                inPart = raw.contains("PART 1") || raw.contains("PART 3");
                continue;
            }
            if (!inPart) {
                continue;
            }
            if (raw.startsWith("====")) {
                if (title != null) {
                    out.add(new Scenario(title, events, ids));
                }
                title = raw;
                events = new ArrayList<>();
                ids = new ArrayList<>();
                msg = null;
                continue;
            }
            if (title == null) {
                continue;
            }
            String line = raw.replaceFirst("^\\s*[0-9.]+ ", "");
            if (line.startsWith(">> ")) {
                String kv = line.substring(3);
                if (kv.startsWith("Action:")) {
                    inOriginate = kv.substring(7).trim().equalsIgnoreCase("Originate");
                } else if (inOriginate && kv.startsWith("ActionID:")) {
                    ids.add(kv.substring(9).trim());
                }
                continue;
            }
            if (!line.startsWith("<<")) {
                if (line.isBlank() && msg != null) {
                    if (msg.containsKey("event")) {
                        events.add(msg);
                    }
                    msg = null;
                }
                continue;
            }
            String kv = line.length() > 3 ? line.substring(3) : "";
            int colon = kv.indexOf(':');
            if (colon < 0) {
                continue; // the banner
            }
            if (msg == null) {
                msg = new LinkedHashMap<>();
            }
            msg.put(kv.substring(0, colon).trim().toLowerCase(Locale.ROOT), kv.substring(colon + 1).trim());
        }
        if (title != null) {
            if (msg != null && msg.containsKey("event")) {
                events.add(msg);
            }
            out.add(new Scenario(title, events, ids));
        }
        return out;
    }
}
