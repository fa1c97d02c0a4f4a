package org.courtyard.hub.csv;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it and Excel reads it: comma-separated, fields with a comma, quote or line
 * break in double quotes, a quote inside quotes doubled, lines ending in CRLF or LF.
 *
 * <p>A reader of our own (some seventy lines) rather than a library, because the ledger import
 * reports errors by the <em>physical</em> line a record starts on, which a quoted field with line
 * breaks moves, and that is simplest to know exactly where the characters are read. Excel writes a
 * byte order mark at the start of a "CSV UTF-8" file; it is skipped. A file that is not UTF-8 (Excel's
 * plain "CSV" on a Chinese Windows writes GBK) is refused with a message saying how to save it.
 */
public final class Csv {

    /** The byte order mark Excel puts before UTF-8 text; {@link #bom()} writes it for Excel too. */
    private static final char BOM = '\uFEFF';

    /** One record: the line of the file it starts on (from 1) and its fields. */
    public record Row(int line, List<String> fields) {

        public Row {
            fields = List.copyOf(fields);
        }

        /** True if every field is empty: a spacer row, skipped by readers. */
        public boolean isBlank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    private Csv() {
    }

    /**
     * Reads UTF-8 CSV bytes (with or without a BOM).
     *
     * @throws IllegalArgumentException naming the line for text that is not UTF-8 or a quote left open
     */
    public static List<Row> parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the file is not UTF-8 text; in Excel save it as "
                    + "'CSV UTF-8 (逗号分隔)', in WPS choose UTF-8 encoding", e);
        }
        return parse(text);
    }

    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        int i = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
        int line = 1;
        int n = text.length();
        while (i < n) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                if (i < n && text.charAt(i) == '"') {
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new IllegalArgumentException("line " + start + ": a quoted field is not closed");
                        }
                        char c = text.charAt(i++);
                        if (c == '"') {
                            if (i < n && text.charAt(i) == '"') {
                                field.append('"');
                                i++;
                                continue;
                            }
                            break;
                        }
                        if (c == '\n' || (c == '\r' && (i >= n || text.charAt(i) != '\n'))) {
                            line++;
                        }
                        field.append(c);
                    }
                    if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                        throw new IllegalArgumentException("line " + line + ": text after the closing quote of a"
                                + " quoted field; a quote inside a quoted field must be doubled (\"\")");
                    }
                } else {
                    while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                        field.append(text.charAt(i++));
                    }
                }
                fields.add(field.toString());
                field.setLength(0);
                if (i < n && text.charAt(i) == ',') {
                    i++;
                    continue;
                }
                endOfRecord = true;
                if (i < n && text.charAt(i) == '\r') {
                    i++;
                }
                if (i < n && text.charAt(i) == '\n') {
                    i++;
                }
                line++;
            }
            rows.add(new Row(start, fields));
        }
        return rows;
    }

    /** One record as a line ending in CRLF, fields quoted where they must be. */
    public static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String field = fields.get(i) == null ? "" : fields.get(i);
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                    || field.indexOf('\r') >= 0 || (!field.isEmpty() && (field.charAt(0) == ' '
                    || field.charAt(field.length() - 1) == ' '))) {
                out.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                out.append(field);
            }
        }
        return out.append("\r\n").toString();
    }

    /** The byte order mark, to start a file Excel should open as UTF-8. */
    public static String bom() {
        return String.valueOf(BOM);
    }
}
