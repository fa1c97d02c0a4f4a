package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Tones;
import org.courtyard.hardware.Wav;
import org.courtyard.hardware.testing.TestHardware;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.announce.AudioLibrary;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.PlayOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole kiosk (in this process, on the real hardware code with a recording sound card) and the
 * real hub (the jar): the PCM that reaches the loudspeaker is exactly what staff uploaded, after the
 * chime; a copy damaged on the kiosk is refused, fetched again, and then plays right.
 */
class AnnouncementPlaybackIT {

    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private JavaProcess hub;
    private AnnounceApi staff;
    private JsonNode kioskIdentity;
    private Kiosk kiosk;
    private TestHardware hardware;

    @BeforeEach
    void start() throws Exception {
        hub = Courtyard.hub(dir.resolve("hub"));
        URI base = Courtyard.api(hub).base();
        staff = AnnounceApi.login(base, "admin", Courtyard.ADMIN_PASSWORD);
        kioskIdentity = staff.createKiosk("和平村小院", "和平村");
        Path config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n",
                "hardware.speaker.warm-up-ms=0",
                "hardware.speaker.tail-ms=0",
                "hardware.volume=1.0",
                "announce.quiet-hours=none",
                "sync.max-backoff-seconds=2",
                ""), StandardCharsets.UTF_8);
        KioskConfig kioskConfig = KioskConfig.parse(new String[] {"--hub", base.toString(), "--kiosk-id",
            kioskIdentity.get("id").asText(), "--token", kioskIdentity.get("token").asText(), "--data",
            dir.resolve("kiosk").toString(), "--hardware", "sim", "--config", config.toString()});
        hardware = TestHardware.create(kioskConfig.hardware());
        kiosk = Kiosk.create(kioskConfig, hardware.hardware(), Clock.systemUTC());
        kiosk.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
        hub.close();
    }

    private static byte[] withChime(AudioClip clip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Tones.chime(clip.format()).pcm());
        out.writeBytes(clip.pcm());
        return out.toByteArray();
    }

    @Test
    void the_loudspeaker_plays_exactly_the_uploaded_pcm_after_the_chime_and_the_board_shows_it() throws Exception {
        byte[] wav = AnnounceApi.wav(22_050f, 1, 1_500);
        AudioClip uploaded = Wav.read("uploaded", wav);
        String id = staff.create("防火通知", "NORMAL", "{\"kiosks\":[\"" + kioskIdentity.get("id").asText() + "\"]}")
                .get("id").asText();

        staff.upload(id, wav);

        // The sound card is opened before the relay switches on: the relay being off tells nothing
        // until the whole play is in.
        await().atMost(SOON).untilAsserted(() -> assertThat(hardware.speaker().plays()).singleElement()
                .isEqualTo(withChime(uploaded)));
        await().atMost(SOON).untilAsserted(() -> assertThat(hardware.hardware().simulator().orElseThrow().relayOn())
                .isFalse());
        assertThat(hardware.speaker().formats().get(0).getSampleRate()).isEqualTo(22_050f);
        await().atMost(SOON).untilAsserted(() -> {
            JsonNode row = staff.deliveries(id).get(0);
            assertThat(row.get("outcome").asText()).isEqualTo("PLAYED");
            assertThat(row.get("downloadedAt").isNull()).isFalse();
            assertThat(row.get("playedAt").isNull()).isFalse();
        });
    }

    @Test
    void a_copy_damaged_on_the_kiosk_is_refused_fetched_again_and_then_plays_right() throws Exception {
        byte[] wav = AnnounceApi.wav(16_000f, 1, 800);
        AudioClip uploaded = Wav.read("uploaded", wav);
        String id = staff.create("通知", "NORMAL", "{\"all\":true}").get("id").asText();
        String sha = staff.upload(id, wav).get("sha256").asText();
        await().atMost(SOON).until(() -> hardware.speaker().plays().size() == 1);
        AudioLibrary library = new AudioLibrary(dir.resolve("kiosk"));
        byte[] onDisk = Files.readAllBytes(library.file(sha));
        onDisk[onDisk.length - 10] ^= 0x40;
        Files.write(library.file(sha), onDisk);

        AnnouncementPlayed refused = kiosk.announcements().playNow(id).join();

        assertThat(refused.outcome()).isEqualTo(PlayOutcome.FAILED);
        assertThat(refused.detail()).contains("damaged");
        await().atMost(SOON).until(() -> library.has(sha));
        AnnouncementPlayed played = kiosk.announcements().playNow(id).join();
        assertThat(played.outcome()).isEqualTo(PlayOutcome.PLAYED);
        List<byte[]> plays = hardware.speaker().plays();
        assertThat(plays).hasSize(2);
        assertThat(plays.get(1)).isEqualTo(withChime(uploaded));
        assertThat(Files.readAllBytes(library.file(sha))).isEqualTo(wav);
    }
}
