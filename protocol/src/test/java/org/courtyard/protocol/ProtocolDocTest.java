package org.courtyard.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/protocol.md shows what the code does: its examples are the golden files, its tables the code's rules. */
class ProtocolDocTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\n(.*?)\n```", Pattern.DOTALL);
    private static final Pattern TRANSITION_ROW = Pattern.compile("^\\| `([A-Z]+)` \\| (.+) \\|$", Pattern.MULTILINE);

    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        Path module = Path.of(System.getProperty("basedir", "."));
        doc = Files.readString(module.resolve("../docs/protocol.md"), UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Golden.class)
    void doc_shows_every_golden_file_verbatim(Golden golden) {
        assertThat(jsonBlocks()).contains(golden.text().strip());
    }

    @Test
    void every_json_example_in_the_doc_is_a_golden_file() {
        List<String> goldens = new ArrayList<>();
        for (Golden golden : Golden.values()) {
            goldens.add(golden.text().strip());
        }

        assertThat(jsonBlocks()).isNotEmpty().allSatisfy(block -> assertThat(goldens).contains(block));
    }

    @Test
    void doc_names_every_event_type_payload_and_enum_value() {
        for (EventType type : EventType.values()) {
            assertThat(doc).contains("### " + type.name(), "`" + type.payloadType().getSimpleName() + "`");
        }
        for (Class<? extends Enum<?>> type : List.of(HelpSource.class, HelpCategory.class, PlayOutcome.class,
                Priority.class, HelpStatus.class, ResidentType.class, FamilyRelation.class)) {
            for (Enum<?> value : type.getEnumConstants()) {
                assertThat(doc).contains("`" + value.name() + "`");
            }
        }
    }

    @Test
    void transition_table_in_the_doc_is_the_one_help_status_implements() {
        Map<HelpStatus, Set<HelpStatus>> documented = new EnumMap<>(HelpStatus.class);
        Matcher row = TRANSITION_ROW.matcher(doc.substring(doc.indexOf("| from | allowed to |")));
        while (row.find() && documented.size() < HelpStatus.values().length) {
            Set<HelpStatus> targets = EnumSet.noneOf(HelpStatus.class);
            Matcher name = Pattern.compile("`([A-Z]+)`").matcher(row.group(2));
            while (name.find()) {
                targets.add(HelpStatus.valueOf(name.group(1)));
            }
            documented.put(HelpStatus.valueOf(row.group(1)), targets);
        }

        assertThat(documented).hasSize(HelpStatus.values().length);
        for (HelpStatus status : HelpStatus.values()) {
            assertThat(documented.get(status)).as("documented moves from %s", status).isEqualTo(status.next());
        }
    }

    @Test
    void doc_states_the_limits_of_the_code() {
        assertThat(doc).contains(
                String.format(Locale.ROOT, "%,d bytes", Protocol.MAX_DOCUMENT_BYTES),
                Protocol.MAX_NESTING_DEPTH + " levels",
                "| " + Protocol.MAX_EVENTS_PER_SYNC + "; a kiosk with more",
                String.format(Locale.ROOT, "%,d characters", Protocol.MAX_TEXT_CHARS),
                "must be `" + Protocol.VERSION + "`");
    }

    private static List<String> jsonBlocks() {
        List<String> blocks = new ArrayList<>();
        Matcher block = JSON_BLOCK.matcher(doc);
        while (block.find()) {
            blocks.add(block.group(1).strip());
        }
        return blocks;
    }
}
