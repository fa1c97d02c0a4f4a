package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.courtyard.protocol.testing.SmallDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub with its data directory on a small real filesystem that fills up: writes answer 507
 * with a reason and Retry-After and store nothing, reads go on, /healthz says why it is degraded,
 * and once space is freed the same requests succeed without a restart.
 */
class DiskFullTest {

    @TempDir
    Path temp;

    SmallDisk disk;
    TestHub hub;
    TestHub.Kiosk kiosk;
    String staff;

    @BeforeEach
    void start() throws Exception {
        disk = SmallDisk.mount(Files.createDirectory(temp.resolve("disk")), 16);
        hub = new TestHub(disk.path().resolve("hub"), builder -> builder.minFreeDisk(1024 * 1024));
        kiosk = hub.kiosk("和平村小院", "和平村");
        staff = hub.user("wang", "STAFF", null);
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void a_sync_on_a_full_disk_is_507_stores_nothing_and_succeeds_once_space_is_freed() {
        UUID help = UUID.randomUUID();
        disk.fill();

        TestHub.Answer refused = hub.sync(kiosk, null, TestHub.helpRequested(help, TestHub.START),
                TestHub.heartbeat());

        assertThat(refused.status()).isEqualTo(507);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("storage_full");
        assertThat(refused.errorMessage()).contains("nothing").contains("stored");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(hub.get("/api/v1/help-requests/" + help, staff).status()).isEqualTo(404);

        disk.free();
        TestHub.Answer accepted = hub.sync(kiosk, null, TestHub.helpRequested(help, TestHub.START),
                TestHub.heartbeat());

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("accepted").toString()).contains(help.toString());
        assertThat(hub.get("/api/v1/help-requests/" + help, staff).json().get("status").asText()).isEqualTo("NEW");
    }

    @Test
    void while_full_reads_work_and_a_transition_is_refused_without_changing_anything() {
        UUID help = UUID.randomUUID();
        assertThat(hub.sync(kiosk, null, TestHub.helpRequested(help, TestHub.START)).status()).isEqualTo(200);
        disk.fill();

        TestHub.Answer refused = hub.transition(staff, help, "ACKNOWLEDGED", null);
        TestHub.Answer list = hub.get("/api/v1/help-requests", staff);

        assertThat(refused.status()).isEqualTo(507);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get(0).get("status").asText()).isEqualTo("NEW");
        assertThat(hub.get("/api/v1/help-requests/" + help, staff).json().get("history")).hasSize(1);

        disk.free();
        assertThat(hub.transition(staff, help, "ACKNOWLEDGED", null).status()).isEqualTo(200);
        assertThat(hub.get("/api/v1/help-requests/" + help, staff).json().get("status").asText())
                .isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void healthz_says_degraded_with_the_reasons_while_full_and_ok_again_after() {
        assertThat(hub.get("/healthz", null).json().toString()).isEqualTo("{\"status\":\"ok\"}");
        disk.fill();

        JsonNode low = hub.get("/healthz", null).json();
        hub.sync(kiosk, null, TestHub.helpRequested(UUID.randomUUID(), TestHub.START));
        TestHub.Answer failing = hub.get("/healthz", null);

        assertThat(low.get("status").asText()).isEqualTo("degraded");
        assertThat(codes(low)).containsExactly("disk_low");
        assertThat(failing.status()).isEqualTo(200);
        assertThat(codes(failing.json())).containsExactly("disk_low", "writer_failing");
        assertThat(failing.json().at("/reasons/1/message").asText()).contains("disk is full");

        disk.free();
        assertThat(codes(hub.get("/healthz", null).json())).as("free again, but no write since")
                .containsExactly("writer_failing");
        hub.sync(kiosk, null, TestHub.heartbeat());
        assertThat(hub.get("/healthz", null).json().toString()).isEqualTo("{\"status\":\"ok\"}");
    }

    private static List<String> codes(JsonNode health) {
        List<String> codes = new ArrayList<>();
        health.path("reasons").forEach(reason -> codes.add(reason.get("code").asText()));
        return codes;
    }
}
