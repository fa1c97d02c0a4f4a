package org.courtyard.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every wire type against its golden JSON: read, write and round trip. */
class GoldenJsonTest {

    @ParameterizedTest
    @EnumSource(Golden.class)
    void golden_file_reads_as_the_expected_record(Golden golden) {
        assertThat(ProtocolJson.read(golden.text(), golden.type)).isEqualTo(golden.value);
    }

    @ParameterizedTest
    @EnumSource(Golden.class)
    void record_writes_the_golden_json(Golden golden) {
        String written = ProtocolJson.write(golden.value);

        assertThat(JsonEdit.tree(written)).isEqualTo(JsonEdit.tree(golden.text()));
    }

    @ParameterizedTest
    @EnumSource(Golden.class)
    void record_writes_the_golden_fields_in_the_golden_order(Golden golden) {
        // Tree equality ignores key order; the compact text does not.
        String goldenCompact = JsonEdit.text(JsonEdit.tree(golden.text()));

        assertThat(ProtocolJson.write(golden.value)).isEqualTo(goldenCompact);
        assertThat(new String(ProtocolJson.writeBytes(golden.value), UTF_8)).isEqualTo(goldenCompact);
    }

    @ParameterizedTest
    @EnumSource(Golden.class)
    void golden_survives_a_round_trip_through_the_record(Golden golden) {
        Object first = ProtocolJson.read(golden.text(), golden.type);
        String written = ProtocolJson.write(first);
        Object second = ProtocolJson.read(written, golden.type);

        assertThat(second).isEqualTo(first);
        assertThat(JsonEdit.tree(written)).isEqualTo(JsonEdit.tree(golden.text()));
    }

    @ParameterizedTest
    @EnumSource(Golden.class)
    void golden_reads_the_same_from_bytes_from_a_stream_and_from_a_tree(Golden golden) {
        byte[] bytes = golden.text().getBytes(UTF_8);

        assertThat(ProtocolJson.read(bytes, golden.type)).isEqualTo(golden.value);
        assertThat(ProtocolJson.read(new ByteArrayInputStream(bytes), golden.type)).isEqualTo(golden.value);
        assertThat(ProtocolJson.read(JsonEdit.tree(golden.text()), golden.type)).isEqualTo(golden.value);
    }

    @ParameterizedTest
    @EnumSource(Golden.class)
    void golden_keys_follow_the_declared_order_of_the_record_components(Golden golden) {
        assertKeysInDeclaredOrder(JsonEdit.tree(golden.text()), golden.type, golden.file);
    }

    @ParameterizedTest
    @EnumSource(value = Golden.class, names = "EVENT_.*", mode = EnumSource.Mode.MATCH_ALL)
    void event_payload_alone_reads_as_its_payload_record(Golden golden) {
        Event event = (Event) golden.value;
        JsonNode payload = JsonEdit.tree(golden.text()).get("payload");

        assertThat(ProtocolJson.read(JsonEdit.text(payload), event.type().payloadType())).isEqualTo(event.payload());
        assertThat(JsonEdit.tree(ProtocolJson.write(event.payload()))).isEqualTo(payload);
    }

    @Test
    void every_event_type_has_a_golden_event() {
        Set<EventType> covered = EnumSet.noneOf(EventType.class);
        for (Golden golden : Golden.values()) {
            if (golden.value instanceof Event event && golden.file.equals(goldenName(event.type()))) {
                covered.add(event.type());
            }
        }

        assertThat(covered).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void every_public_wire_record_has_a_golden_file() throws Exception {
        Set<Class<?>> covered = Arrays.stream(Golden.values()).map(g -> g.type).collect(Collectors.toSet());
        // Payloads are covered by the event-*.json files, ErrorBody.Detail by error-body.json.
        Arrays.stream(EventType.values()).map(EventType::payloadType).forEach(covered::add);
        covered.add(ErrorBody.Detail.class);

        assertThat(publicRecordsOfTheProtocolPackage()).isNotEmpty().allSatisfy(type ->
                assertThat(covered).as("golden files cover %s", type.getSimpleName()).contains(type));
    }

    @Test
    void every_file_in_the_golden_folder_is_checked() throws Exception {
        Path folder = Path.of(GoldenJsonTest.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            Set<String> listed = Arrays.stream(Golden.values()).map(g -> g.file).collect(Collectors.toSet());

            assertThat(files.map(f -> f.getFileName().toString())).allSatisfy(name ->
                    assertThat(listed).as("Golden lists %s", name).contains(name));
        }
    }

    private static String goldenName(EventType type) {
        return "event-" + type.name().toLowerCase().replace('_', '-') + ".json";
    }

    /** Object keys, at every level the record type is known, in the order the record declares its components. */
    private static void assertKeysInDeclaredOrder(JsonNode node, Class<?> type, String where) {
        if (!type.isRecord() || !node.isObject()) {
            return;
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        List<String> declared = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();

        assertThat(keys).as("keys of %s in %s", type.getSimpleName(), where)
                .containsExactlyElementsOf(declared.stream().filter(keys::contains).toList());
        if (type != Targets.class) {
            // A component written only when it has a value (@JsonInclude) may be absent.
            List<String> always = Arrays.stream(type.getRecordComponents())
                    .filter(component -> !component.getAccessor().isAnnotationPresent(JsonInclude.class)
                            || keys.contains(component.getName()))
                    .map(RecordComponent::getName).toList();
            assertThat(keys).as("keys of %s in %s", type.getSimpleName(), where).containsExactlyElementsOf(always);
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode child = node.get(component.getName());
            Class<?> childType = component.getType();
            if (child == null) {
                continue;
            }
            if (component.getName().equals("payload") && type == Event.class) {
                childType = EventType.valueOf(node.get("type").asText()).payloadType();
            }
            if (child.isArray() && component.getGenericType() instanceof ParameterizedType list) {
                Class<?> element = (Class<?>) list.getActualTypeArguments()[0];
                for (Iterator<JsonNode> it = child.elements(); it.hasNext(); ) {
                    assertKeysInDeclaredOrder(it.next(), element, where);
                }
            } else {
                assertKeysInDeclaredOrder(child, childType, where);
            }
        }
    }

    private static List<Class<?>> publicRecordsOfTheProtocolPackage() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path classes = Path.of(Event.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(Event.class.getPackageName().replace('.', '/'));
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                // The file name is the binary name: ErrorBody$Detail for a nested record.
                Class<?> type = Class.forName(Event.class.getPackageName() + "." + name, false,
                        GoldenJsonTest.class.getClassLoader());
                if (type.isRecord() && Modifier.isPublic(type.getModifiers())) {
                    records.add(type);
                }
            }
        }
        return records;
    }
}
