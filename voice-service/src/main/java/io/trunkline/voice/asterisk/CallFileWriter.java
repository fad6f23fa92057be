package io.trunkline.voice.asterisk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * Writes call files the way ../shared/conformance/callfile-format.txt says Asterisk wants them: the whole file is
 * written in a staging folder on the spool's filesystem and then renamed into {@code outgoing/} (never written in
 * place, or pbx_spool may read half a file); a {@code notBefore} in the future becomes the file's modification time,
 * which schedules the call. Values must not contain line breaks; a ";" is escaped as {@code \;}.
 */
public final class CallFileWriter {
    private CallFileWriter() {
    }

    /** The file's text: one {@code Key: Value} per line. Retries are ours, so {@code MaxRetries: 0}. */
    public static String render(LegSpec spec) {
        StringBuilder sb = new StringBuilder();
        line(sb, "Channel", spec.dial());
        if (spec.callerId() != null) {
            line(sb, "Callerid", "<" + spec.callerId() + ">");
        }
        line(sb, "WaitTime", String.valueOf(Math.max(1, spec.timeout().toSeconds())));
        line(sb, "MaxRetries", "0");
        line(sb, "RetryTime", "60");
        line(sb, "Context", spec.context());
        line(sb, "Extension", "s");
        line(sb, "Priority", "1");
        line(sb, "Archive", "yes");
        line(sb, "Set", "TRUNKLINE_LEG=" + spec.legId());
        for (Map.Entry<String, String> v : spec.variables().entrySet()) {
            line(sb, "Set", v.getKey() + "=" + v.getValue());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        String v = value.replace("\r", " ").replace("\n", " ").replace(";", "\\;");
        sb.append(key).append(": ").append(v).append('\n');
    }

    /** Writes {@code <legId>.call} into staging, sets its mtime, renames it into outgoing; returns the final path. */
    public static Path write(LegSpec spec, Path staging, Path outgoing) throws IOException {
        Files.createDirectories(staging);
        Files.createDirectories(outgoing);
        String name = spec.legId() + ".call";
        Path tmp = staging.resolve(name);
        Files.writeString(tmp, render(spec), StandardCharsets.UTF_8);
        if (spec.notBefore() != null) {
            Files.setLastModifiedTime(tmp, FileTime.from(spec.notBefore()));
        }
        Path target = outgoing.resolve(name);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("staging " + staging + " is not on the spool's filesystem: " + e.getMessage(), e);
        }
        return target;
    }
}
