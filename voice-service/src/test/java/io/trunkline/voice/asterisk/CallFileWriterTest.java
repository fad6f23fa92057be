package io.trunkline.voice.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.trunkline.sandbox.ami.CallFile;

/** Call files as ../shared/conformance/callfile-format.txt specifies them, read back with pbx_spool's rules. */
class CallFileWriterTest {
    @TempDir
    Path spool;

    private static LegSpec spec(Instant notBefore) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("TTS_TEXT", "Hello; your loan is ready");
        vars.put("TTS_VOICE", "en-gb+f3");
        return new LegSpec("leg-1", "Local/+27821234567@trunkline-out", "+27115550000", Duration.ofSeconds(25),
                "trunkline-tts", vars, notBefore);
    }

    @Test
    void rendersEveryKeyTheSpoolNeeds() throws Exception {
        String text = CallFileWriter.render(spec(null));
        assertEquals("""
                Channel: Local/+27821234567@trunkline-out
                Callerid: <+27115550000>
                WaitTime: 25
                MaxRetries: 0
                RetryTime: 60
                Context: trunkline-tts
                Extension: s
                Priority: 1
                Archive: yes
                Set: TRUNKLINE_LEG=leg-1
                Set: TTS_TEXT=Hello\\; your loan is ready
                Set: TTS_VOICE=en-gb+f3
                """, text);
        CallFile f = CallFile.parse(text);
        assertEquals("Local", f.tech());
        assertEquals("+27821234567@trunkline-out", f.dest());
        assertEquals(25, f.waitTime());
        assertEquals(0, f.maxRetries());
        assertTrue(f.archive());
        assertEquals("trunkline-tts", f.context());
        assertEquals("s", f.extension());
        assertEquals("Hello; your loan is ready", f.variables().get(1)[1], "the escaped ; survives the parser");
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
    }

    @Test
    void writesInStagingAndRenamesIntoOutgoingWithAFutureMtimeForAScheduledCall() throws Exception {
        Path staging = spool.resolve("trunkline-tmp");
        Path outgoing = spool.resolve("outgoing");
        Instant later = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Path written = CallFileWriter.write(spec(later), staging, outgoing);
        assertEquals(outgoing.resolve("leg-1.call"), written);
        assertEquals(CallFileWriter.render(spec(later)), Files.readString(written));
        assertEquals(later, Files.getLastModifiedTime(written).toInstant(), "a future mtime schedules the call");
        try (var s = Files.list(staging)) {
            assertFalse(s.findAny().isPresent(), "nothing is left behind in staging");
        }
    }
}
