package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database made by the hub before each feature numbered its own schema steps (its
 * {@code schema_version} at 6) opens in today's hub without losing anything. The database is
 * {@code store/hub-schema-6.sql}: the {@code .dump} of a hub of that release after a day of use
 * (users and sessions, two kiosks with a heartbeat and an enrolment code, help requests with
 * history and a voice memo, an announcement with its delivery board, residents, a cadre, a
 * check-in, a visit, a missed-check-in alert, queued webhooks, the audit log).
 */
class LegacyDatabaseTest {

    @TempDir
    Path oldDir;

    @TempDir
    Path newDir;

    @Test
    void every_row_of_an_old_database_is_still_there_and_served() throws Exception {
        load(oldDir);
        Map<String, Integer> before = rowCounts(oldDir);

        try (TestHub hub = new TestHub(oldDir)) {
            assertThat(hub.get("/api/v1/help-requests", hub.adminToken).json()).hasSize(2);
            JsonNode assigned = hub.get("/api/v1/help-requests?status=ASSIGNED", hub.adminToken).json();
            assertThat(assigned).hasSize(1);
            assertThat(assigned.get(0).get("category").asText()).isEqualTo("DAILY");
            assertThat(names(hub.get("/api/v1/residents", hub.adminToken).json()))
                    .as("by village, then name, in pinyin order").containsExactly("张秀英", "李小明", "王德福");
            // The old rows got their sort and search keys when the hub started.
            assertThat(names(hub.get("/api/v1/residents?q=wdf", hub.adminToken).json())).containsExactly("王德福");
            assertThat(hub.get("/api/v1/announcements", hub.adminToken).json()).hasSize(1);
            assertThat(hub.get("/api/v1/check-in-alerts?open=false", hub.adminToken).json()).isNotEmpty();
            assertThat(hub.get("/api/v1/audit", hub.adminToken).json()).isNotEmpty();
            assertThat(hub.login("wang", "password-wang")).isNotBlank();
        }

        Map<String, Integer> after = rowCounts(oldDir);
        after.keySet().removeIf(table -> !before.containsKey(table));
        before.put("sessions", before.get("sessions") + 2); // the two logins of this test
        before.put("audit_log", before.get("audit_log") + 2);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void an_old_database_is_carried_over_to_the_steps_of_each_feature_and_matches_a_new_one() throws Exception {
        load(oldDir);

        new TestHub(oldDir).close();
        new TestHub(newDir).close();

        assertThat(TestHub.column(oldDir, "SELECT feature || ':' || version FROM schema_migrations"
                + " ORDER BY feature, version"))
                .containsExactly("announce:1", "announce:2", "audit:1", "auth:1", "care:1", "care:2", "checkin:1", "checkin:2",
                        "checkin:3", "checkin:4", "family:1", "help:1", "help:2", "help:3", "help:4", "kiosk:1",
                        "kiosk:2", "kiosk:3", "kiosk:4", "kiosk:5", "notify:1", "notify:2", "residents:1", "residents:2",
                        "residents:3", "residents:4", "residents:5", "residents:6", "residents:7", "residents:8",
                        "residents:9", "survey:1", "sync:1", "sync:2");
        assertThat(TestHub.column(oldDir, "SELECT feature || ':' || version FROM schema_migrations"
                + " ORDER BY feature, version"))
                .isEqualTo(TestHub.column(newDir, "SELECT feature || ':' || version FROM schema_migrations"
                        + " ORDER BY feature, version"));
        assertThat(TestHub.column(oldDir, "SELECT description FROM schema_migrations WHERE feature = 'kiosk'"
                + " AND version = 2")).containsExactly("schema_version 6: kiosk enrolment codes; when a kiosk was"
                        + " found silent");
        assertThat(schema(oldDir)).isEqualTo(schema(newDir));
        assertThat(TestHub.column(oldDir, "SELECT MAX(version) FROM schema_version"))
                .as("a hub of the old numbered schema now refuses this database").containsExactly("7");
    }

    @Test
    void a_kiosk_with_a_cursor_of_the_old_hub_gets_what_it_has_not_seen() throws Exception {
        load(oldDir);
        try (TestHub hub = new TestHub(oldDir)) {
            String kioskId = hub.column("SELECT id FROM kiosks WHERE village = '和平村'").get(0);
            String code = hub.post("/api/v1/kiosks/" + kioskId + "/enrolment-code", hub.adminToken, Map.of()).json()
                    .get("code").asText();
            String token = hub.post("/api/v1/enrol", null, Map.of("code", code)).json().get("token").asText();
            TestHub.Kiosk kiosk = new TestHub.Kiosk(kioskId, token, "和平村");
            long help = Long.parseLong(hub.column("SELECT MAX(seq) FROM help_history").get(0));
            long announcements = Long.parseLong(hub.column("SELECT MAX(seq) FROM announcement_changes").get(0));
            long roster = Long.parseLong(hub.column("SELECT MAX(seq) FROM roster_changes WHERE village = '和平村'")
                    .get(0));

            // What the old hub last gave this kiosk: everything but the roster.
            TestHub.Answer answer = hub.sync(kiosk, help + "." + announcements + "." + (roster - 1));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("helpUpdates")).isEmpty();
            assertThat(answer.json().get("announcements")).isEmpty();
            assertThat(names(answer.json().get("residents"))).containsExactlyInAnyOrder("王德福", "李小明");
            assertThat(answer.json().get("cursor").asText())
                    .isEqualTo("help=" + help + ".roster=" + roster + ".announcements=" + announcements + ".messages=0");
        }
    }

    /** Makes {@code dir/hub.db} from the dump, as the old hub left it. */
    static void load(Path dir) throws IOException, SQLException {
        String dump;
        try (InputStream in = LegacyDatabaseTest.class.getResourceAsStream("store/hub-schema-6.sql")) {
            dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(dir);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Hub.DATABASE_FILE));
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            StringBuilder sql = new StringBuilder();
            for (String line : dump.split("\n")) {
                if (line.startsWith("PRAGMA ") || line.equals("BEGIN TRANSACTION;") || line.equals("COMMIT;")) {
                    continue;
                }
                sql.append(line).append('\n');
                if (line.endsWith(";")) {
                    statement.executeUpdate(sql.toString());
                    sql.setLength(0);
                }
            }
            connection.commit();
        }
    }

    private static Map<String, Integer> rowCounts(Path dir) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String table : TestHub.column(dir, "SELECT name FROM sqlite_master WHERE type = 'table'"
                + " AND name NOT LIKE 'schema_%' AND name NOT LIKE 'sqlite_%'")) {
            counts.put(table, Integer.parseInt(TestHub.column(dir, "SELECT COUNT(*) FROM " + table).get(0)));
        }
        return counts;
    }

    /** Every table and index but the bookkeeping, with its SQL, sorted. */
    private static List<String> schema(Path dir) {
        return TestHub.column(dir, "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master"
                + " WHERE name NOT LIKE 'schema_%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name");
    }

    private static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.get("name").asText()));
        return out;
    }
}
