package org.courtyard.hub.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 as Excel writes it, with the line each record starts on. */
class CsvTest {

    @Test
    void quoted_fields_hold_commas_quotes_and_line_breaks_and_later_lines_are_counted_right() {
        List<Csv.Row> rows = Csv.parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\r\nlast,,\n");

        assertThat(rows).extracting(Csv.Row::line).containsExactly(1, 2, 4);
        assertThat(rows.get(0).fields()).containsExactly("a", "b,c", "say \"hi\"");
        assertThat(rows.get(1).fields()).containsExactly("two\nlines", "x");
        assertThat(rows.get(2).fields()).containsExactly("last", "", "");
    }

    @Test
    void a_byte_order_mark_is_skipped_and_blank_rows_are_marked_blank() {
        List<Csv.Row> rows = Csv.parse("\uFEFFname\n,,\nzhang".getBytes(StandardCharsets.UTF_8));

        assertThat(rows.get(0).fields()).containsExactly("name");
        assertThat(rows.get(1).isBlank()).isTrue();
        assertThat(rows.get(2).fields()).containsExactly("zhang");
    }

    @Test
    void an_unclosed_quote_names_the_line_it_starts_on() {
        assertThatThrownBy(() -> Csv.parse("a\nb,\"open\n\nstill open"))
                .hasMessage("line 2: a quoted field is not closed");
    }

    @Test
    void what_line_writes_parse_reads_back() {
        List<String> fields = List.of("张桂英", "a,b", "say \"hi\"", "two\nlines", " padded ", "");

        assertThat(Csv.parse(Csv.line(fields)).get(0).fields()).isEqualTo(fields);
    }
}
