package io.trunkline.sandbox.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Call-file parsing as pbx_spool.c does it, on the official sample.call and the archived captures. */
class CallFileTest {
    private static final Path CONFORMANCE = Path.of("src", "test", "resources", "conformance") /* copied verbatim from ../shared/conformance */;

    @Test
    void parsesTheOfficialSample() throws Exception {
        String text = Files.readString(CONFORMANCE.resolve("callfile-format.txt"));
        String sample = text.substring(text.indexOf("# This is a sample file"));
        CallFile f = CallFile.parse(sample);
        assertEquals("DAHDI", f.tech());
        assertEquals("1", f.dest());
        assertEquals(2, f.maxRetries());
        assertEquals(60, f.retryTime());
        assertEquals(30, f.waitTime());
        assertEquals("default", f.context());
        assertEquals("s", f.extension());
        assertEquals(1, f.priority());
        assertNull(f.application(), "commented out");
        assertFalse(f.archive());
        assertTrue(f.alwaysDelete());
    }

    @Test
    void parsesAnArchivedCaptureAndItsBookkeepingLines() throws Exception {
        CallFile f = CallFile.parse("Channel: Local/busy@sim\nContext: sim\nExtension: answer\nPriority: 1\n"
                + "CallerID: \"Spool\" <5550000>\nArchive: yes\nSet: PROBEVAR=cf\nMaxRetries: 1\nRetryTime: 3\n"
                + "WaitTime: 10\nStartRetry: 5066 1 (1795653661)\nEndRetry: 5066 1 (1795653658)\n"
                + "StartRetry: 5066 2 (1795653664)\nStatus: Expired\n");
        assertEquals("Local/busy@sim", f.channel());
        assertTrue(f.archive());
        assertEquals(List.of("PROBEVAR=cf"), f.variables().stream().map(v -> v[0] + "=" + v[1]).toList());
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
    }

    @Test
    void defaultsCommentsAndInvalidFiles() throws Exception {
        CallFile f = CallFile.parse("channel: SIP/trunk/5551234 # trailing comment\nAPPLICATION: Playback\n"
                + "Data: hello\\;world ; comment\nRetryTime: 0\nWaitTime: x\nFoo: bar\nnonsense\n");
        assertEquals("SIP", f.tech());
        assertEquals("trunk/5551234", f.dest(), "split at the first slash");
        assertEquals("hello;world", f.data());
        assertEquals(300, f.retryTime());
        assertEquals(45, f.waitTime());
        assertEquals(0, f.maxRetries());
        assertEquals(2, f.warnings().size(), f.warnings().toString());
        assertThrows(CallFile.Invalid.class, () -> CallFile.parse("this is garbage\n"));
        assertThrows(CallFile.Invalid.class, () -> CallFile.parse("Channel: Local/1@x\n"));
        assertThrows(CallFile.Invalid.class, () -> CallFile.parse("Channel: nodest\nApplication: Wait\n"));
    }

    @Test
    void rulesParseFromTheEnvironmentForm() {
        AmiConfig.Rule def = AmiConfig.Rule.answer("", Duration.ofMillis(100), Duration.ofMillis(200));
        AmiConfig cfg = AmiConfig.defaults().withDefaultRule(def).withRules(
                AmiConfig.Rule.parseList("+2782000=BUSY,+2783=NOANSWER,+27861=ANSWER:2000:10000,+2786=UNKNOWN", def));
        assertEquals(AmiConfig.Outcome.BUSY, cfg.ruleFor("+27820001234").outcome());
        assertEquals(AmiConfig.Outcome.NO_ANSWER, cfg.ruleFor("27831").outcome());
        assertEquals(Duration.ofMillis(10000), cfg.ruleFor("+278612").talk(), "longest prefix wins");
        assertEquals(AmiConfig.Outcome.UNKNOWN_EXTENSION, cfg.ruleFor("+27862").outcome());
        assertEquals(def, cfg.ruleFor("+44"));
        assertEquals(AmiConfig.Outcome.BUSY, cfg.ruleFor("busy").outcome());
        assertEquals("+2711", SandboxAmi.numberOf("Local/+2711@trunkline-out"));
        assertEquals("5551234", SandboxAmi.numberOf("SIP/trunk/5551234"));
    }
}
