package io.trunkline.gsm.pdu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The conformance files of ../shared/conformance, copied verbatim (source column included) into
 * src/test/resources/conformance so the module builds on its own.
 */
public final class Conformance {
    private Conformance() {
    }

    public record Row(String[] cells) {
        public String get(int i) {
            return i < cells.length ? cells[i] : "";
        }

        @Override
        public String toString() {
            return cells[0];
        }
    }

    public static String text(String name) {
        try (InputStream in = Conformance.class.getResourceAsStream("/conformance/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource conformance/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TSV rows without the header line. */
    public static List<Row> tsv(String name) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text(name).split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(new Row(Arrays.stream(lines[i].split("\t", -1)).toArray(String[]::new)));
            }
        }
        return rows;
    }
}
