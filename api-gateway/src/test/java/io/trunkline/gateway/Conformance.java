package io.trunkline.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the conformance rows copied into {@code src/test/resources/conformance} (tab-separated, header first). */
final class Conformance {
    private Conformance() {
    }

    /** Rows by their first column; each row as column name to value. */
    static Map<String, Map<String, String>> rows(String resource) {
        try (InputStream in = Conformance.class.getResourceAsStream("/conformance/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource conformance/" + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = r.readLine().split("\t", -1);
            Map<String, Map<String, String>> rows = new LinkedHashMap<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length && i < cells.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.put(cells[0] + (rows.containsKey(cells[0]) ? "#" + rows.size() : ""), row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
