package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Residents written without sort and search keys (before schema step 7, or straight into the
 * database) get them when the hub starts, a thousand at a time, each chunk going on after the
 * last: every one of several chunks is filled, rows that had keys keep them, and the people of the
 * last chunk are found by pinyin and paged in order.
 */
class SearchKeysFillTest {

    private static final int WITHOUT_KEYS = 2_500;

    @TempDir
    Path dir;

    @Test
    void residents_without_keys_get_them_all_when_the_hub_starts_over_several_chunks() throws Exception {
        String keyed;
        try (TestHub hub = new TestHub(dir)) {
            keyed = hub.resident("李秀兰", "大村", "ELDER");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Hub.DATABASE_FILE));
                PreparedStatement insert = connection.prepareStatement("INSERT INTO residents (id, village, name, type,"
                        + " tags, check_in_every_days, expect_since, active, created_at, updated_at)"
                        + " VALUES (?, '和平村', ?, 'ELDER', '[]', 1, 0, 1, 0, 0)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < WITHOUT_KEYS; i++) {
                insert.setString(1, String.format("r-k%05d", i));
                insert.setString(2, i == WITHOUT_KEYS - 1 ? "王德福" : "张三");
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        String keyedBefore = TestHub.column(dir, "SELECT name_pinyin FROM residents WHERE id = '" + keyed + "'").get(0);

        try (TestHub hub = new TestHub(dir)) {
            assertThat(hub.column("SELECT COUNT(*) FROM residents WHERE name_key IS NULL OR village_key IS NULL"
                    + " OR name_pinyin IS NULL")).containsExactly("0");
            assertThat(hub.column("SELECT name_pinyin FROM residents WHERE id = '" + keyed + "'"))
                    .containsExactly(keyedBefore);
            assertThat(hub.get("/api/v1/residents?q=wdf", hub.adminToken).json())
                    .extracting(person -> person.get("name").asText()).containsExactly("王德福");
            assertThat(hub.get("/api/v1/residents?limit=1", hub.adminToken).json())
                    .extracting(person -> person.get("name").asText())
                    .as("大村 before 和平村 in pinyin order").containsExactly("李秀兰");
        }
    }
}
