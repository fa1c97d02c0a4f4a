package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An announcement across real processes, as in {@code ./courtyard demo}: staff publish it with audio
 * on the hub, a headless sim kiosk broadcasts it (relay, chime and audio, relay off) and the
 * delivery board shows it played.
 */
class AnnouncementEndToEndIT {

    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void an_announcement_published_on_the_hub_is_broadcast_by_the_kiosk_and_shows_played_on_the_board()
            throws Exception {
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi api = Courtyard.api(hub);
            AnnounceApi staff = AnnounceApi.login(api.base(), "admin", Courtyard.ADMIN_PASSWORD);
            JsonNode kioskIdentity = staff.createKiosk("和平村小院", "和平村");
            try (JavaProcess kiosk = Courtyard.kiosk(api.base().toString(), kioskIdentity, dir.resolve("kiosk"),
                    "announce.quiet-hours=none")) {
                kiosk.awaitLine(line -> line.contains("running headless"), Courtyard.START);
                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("link=ONLINE"));
                int from = kiosk.lineCount();

                String id = staff.create("防汛通知", "NORMAL", "{\"villages\":[\"和平村\"]}").get("id").asText();
                staff.upload(id, AnnounceApi.wav(16_000f, 1, 600));

                String name = "announcement-" + id;
                kiosk.awaitLineAfter(from, line -> line.equals("relay on"), SOON);
                kiosk.awaitLineAfter(from, line -> line.equals("audio start chime+" + name + " (2200 ms)"), SOON);
                kiosk.awaitLineAfter(from, line -> line.equals("audio end " + name + " PLAYED"), SOON);
                kiosk.awaitLineAfter(from, line -> line.equals("relay off"), SOON);
                await().atMost(SOON).untilAsserted(() -> {
                    JsonNode board = staff.deliveries(id);
                    assertThat(board).hasSize(1);
                    JsonNode row = board.get(0);
                    assertThat(row.get("kioskId").asText()).isEqualTo(kioskIdentity.get("id").asText());
                    assertThat(row.get("deliveredAt").isNull()).isFalse();
                    assertThat(row.get("downloadedAt").isNull()).isFalse();
                    assertThat(row.get("playedAt").isNull()).isFalse();
                    assertThat(row.get("outcome").asText()).isEqualTo("PLAYED");
                });

                kiosk.type("quit");
                assertThat(kiosk.waitForExit(SOON)).isZero();
            }
        }
    }

    @Test
    void a_withdrawn_announcement_stops_at_the_kiosk_at_its_next_sync() throws Exception {
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi api = Courtyard.api(hub);
            AnnounceApi staff = AnnounceApi.login(api.base(), "admin", Courtyard.ADMIN_PASSWORD);
            JsonNode kioskIdentity = staff.createKiosk("和平村小院", "和平村");
            try (JavaProcess kiosk = Courtyard.kiosk(api.base().toString(), kioskIdentity, dir.resolve("kiosk"),
                    "announce.quiet-hours=none")) {
                kiosk.awaitLine(line -> line.contains("running headless"), Courtyard.START);
                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("link=ONLINE"));
                String id = staff.create("很长的通知", "NORMAL", "{\"all\":true}").get("id").asText();
                staff.upload(id, AnnounceApi.wav(16_000f, 1, 60_000));
                String name = "announcement-" + id;
                kiosk.awaitLine(line -> line.startsWith("audio start chime+" + name), SOON);
                int playing = kiosk.lineCount();

                staff.withdraw(id);

                kiosk.awaitLineAfter(playing, line -> line.equals("audio end " + name + " INTERRUPTED"), SOON);
                kiosk.awaitLineAfter(playing, line -> line.equals("relay off"), SOON);
                await().atMost(SOON).untilAsserted(() -> {
                    JsonNode row = staff.deliveries(id).get(0);
                    assertThat(row.get("outcome").asText()).isEqualTo("FAILED");
                    assertThat(row.get("detail").asText()).contains("withdrawn");
                });
            }
        }
    }
}
