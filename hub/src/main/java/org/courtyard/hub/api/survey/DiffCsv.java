package org.courtyard.hub.api.survey;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.stream.Collectors;
import org.courtyard.hub.survey.RoundDiff;

/**
 * A round's diff as a CSV file for a spreadsheet: UTF-8 with a byte order mark (so Excel reads it
 * as UTF-8), one line a person, the words from the survey's {@code labels.properties}; written a
 * line at a time as the diff is walked, never held whole.
 */
final class DiffCsv {

    private DiffCsv() {
    }

    /** The file's start: the byte order mark and the line of column names. */
    static void header(Writer out, ResourceBundle words) {
        write(out, "\uFEFF");
        line(out, List.of(words.getString("csv.change"), words.getString("csv.village"), words.getString("csv.name"),
                words.getString("csv.type"), words.getString("csv.id"), words.getString("csv.detail")));
    }

    /** One person's line. */
    static void person(Writer out, RoundDiff.Person person, ResourceBundle words) {
        if (person instanceof RoundDiff.Came came) {
            line(out, List.of(words.getString("change.came"), came.village(), came.name(),
                    words.getString("type." + came.type()), came.residentId(), words.getString("came." + came.how())));
        } else if (person instanceof RoundDiff.Left left) {
            line(out, List.of(words.getString("change.left"), left.village(), left.name(),
                    words.getString("type." + left.type()), left.residentId(), left.reason() == null
                            ? words.getString("reason.none") : words.getString("reason." + left.reason())));
        } else {
            RoundDiff.Changed changed = (RoundDiff.Changed) person;
            String detail = changed.fields().stream().map(field -> words.getString("field." + field.field())
                    + "：" + value(field.field(), field.before(), words) + " → "
                    + value(field.field(), field.after(), words)).collect(Collectors.joining("；"));
            line(out, List.of(words.getString("change.changed"), changed.village(), changed.name(),
                    words.getString("type." + changed.type()), changed.residentId(), detail));
        }
    }

    private static String value(String field, Object value, ResourceBundle words) {
        if (value == null) {
            return words.getString("value.empty");
        }
        if (value instanceof JsonNode node) {
            if (node.isArray()) {
                List<String> items = new ArrayList<>();
                node.forEach(item -> items.add(item.asText()));
                return String.join("、", items);
            }
            String text = node.asText();
            String key = "value." + field + "." + text;
            return words.containsKey(key) ? words.getString(key) : text;
        }
        return value.toString();
    }

    /** One CSV line: cells quoted when they hold a comma, quote or line break; a formula's first character escaped. */
    private static void line(Writer out, List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            String text = cell == null ? "" : cell;
            if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
                text = "'" + text;
            }
            quoted.add(text.matches("(?s).*[,\"\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
        }
        write(out, String.join(",", quoted) + "\r\n");
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException("the diff's download failed midway", e);
        }
    }
}
