package io.trunkline.gateway.service;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: comma separated, fields optionally in double quotes ("" inside quotes is a quote), CRLF or LF. */
public final class ContactListCsv {
    private ContactListCsv() {
    }

    /** Records of the text, each a list of fields; blank lines are skipped. A leading BOM is ignored. */
    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                end(records, record, field, fieldStarted);
                record = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        end(records, record, field, fieldStarted);
        return records;
    }

    private static void end(List<List<String>> records, List<String> record, StringBuilder field, boolean started) {
        if (!started && record.isEmpty()) {
            return; // a blank line
        }
        record.add(field.toString());
        records.add(record);
    }
}
