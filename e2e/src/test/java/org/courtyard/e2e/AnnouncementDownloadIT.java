package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.courtyard.kiosk.announce.AudioDownloads;
import org.courtyard.kiosk.announce.AudioLibrary;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.kiosk.net.HubTls;
import org.courtyard.protocol.AudioRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's audio downloads against the real hub (the jar, on a free port): a download cut off
 * mid-file resumes from where the partial file ends and ends with the right checksum; a damaged
 * partial file is thrown away and fetched again.
 */
class AnnouncementDownloadIT {

    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private JavaProcess hub;
    private URI base;
    private String kioskToken;
    private String announcementId;
    private byte[] wav;
    private AudioRef audio;
    private AudioLibrary library;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> downloaded = new CopyOnWriteArrayList<>();

    @BeforeEach
    void publish() throws Exception {
        hub = Courtyard.hub(dir.resolve("hub"));
        base = Courtyard.api(hub).base();
        AnnounceApi staff = AnnounceApi.login(base, "admin", Courtyard.ADMIN_PASSWORD);
        JsonNode kiosk = staff.createKiosk("和平村小院", "和平村");
        kioskToken = kiosk.get("token").asText();
        announcementId = staff.create("防汛通知", "NORMAL", "{\"all\":true}").get("id").asText();
        wav = AnnounceApi.wav(44_100f, 1, 40_000);
        JsonNode stored = staff.upload(announcementId, wav);
        audio = new AudioRef(stored.get("sha256").asText(), stored.get("bytes").asLong(),
                stored.get("durationMs").asLong());
        library = new AudioLibrary(dir.resolve("kiosk"));
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    private AudioDownloads downloads(AudioDownloads.Listener extra) {
        return new AudioDownloads(HubConnection.of(base, kioskToken, HubTls.defaults()), library, new AudioDownloads.Listener() {
            @Override
            public void downloaded(String sha256) {
                downloaded.add(sha256);
                extra.downloaded(sha256);
            }

            @Override
            public void requesting(String sha256, long from) {
                requests.add("from " + from);
            }

            @Override
            public void progress(String sha256, long have, long total) {
                extra.progress(sha256, have, total);
            }
        });
    }

    @Test
    void a_download_cut_off_mid_file_resumes_where_the_partial_file_ends_and_ends_checked() throws Exception {
        assertThat(audio.bytes()).isGreaterThan(3_000_000L);
        CountDownLatch cutHere = new CountDownLatch(1);
        AudioDownloads first = downloads(new AudioDownloads.Listener() {
            @Override
            public void downloaded(String sha256) {
            }

            @Override
            public void progress(String sha256, long have, long total) {
                if (have >= 1_000_000 && cutHere.getCount() > 0) {
                    cutHere.countDown();
                    try {
                        // Hold the download here until the test cuts it, like a link that drops mid-file.
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        first.start();
        first.want(announcementId, audio);
        assertThat(cutHere.await(30, TimeUnit.SECONDS)).isTrue();

        first.close();

        Path partial = library.partial(audio.sha256());
        long cutAt = Files.size(partial);
        assertThat(cutAt).isBetween(1_000_000L, audio.bytes() - 1);
        assertThat(library.has(audio.sha256())).isFalse();
        assertThat(downloaded).isEmpty();

        AudioDownloads second = downloads(sha -> { });
        try {
            second.start();
            second.want(announcementId, audio);
            await().atMost(SOON).until(() -> downloaded.contains(audio.sha256()));
        } finally {
            second.close();
        }

        assertThat(requests).containsExactly("from 0", "from " + cutAt);
        assertThat(Files.readAllBytes(library.file(audio.sha256()))).isEqualTo(wav);
        assertThat(AudioLibrary.sha256(library.file(audio.sha256()))).isEqualTo(audio.sha256());
        assertThat(partial).doesNotExist();
    }

    @Test
    void a_damaged_partial_file_is_rejected_deleted_and_fetched_again_from_the_start() throws Exception {
        byte[] damaged = wav.clone();
        damaged[damaged.length / 2] ^= 0x7f;
        Files.createDirectories(library.dir());
        Files.write(library.partial(audio.sha256()), damaged);

        AudioDownloads downloads = downloads(sha -> { });
        try {
            downloads.start();
            downloads.want(announcementId, audio);
            await().atMost(SOON).until(() -> downloaded.contains(audio.sha256()));
        } finally {
            downloads.close();
        }

        assertThat(requests).as("the complete but damaged file needed no request; the new one starts at 0")
                .containsExactly("from 0");
        assertThat(Files.readAllBytes(library.file(audio.sha256()))).isEqualTo(wav);
    }

    @Test
    void a_kiosk_the_announcement_is_not_for_gets_nothing() throws Exception {
        AnnounceApi staff = AnnounceApi.login(base, "admin", Courtyard.ADMIN_PASSWORD);
        String elsewhere = staff.create("别村的通知", "NORMAL", "{\"villages\":[\"别的村\"]}").get("id").asText();
        staff.upload(elsewhere, AnnounceApi.wav(16_000f, 1, 300));

        AudioDownloads downloads = downloads(sha -> { });
        try {
            downloads.start();
            AudioRef other = new AudioRef("0".repeat(64), 100, 10);
            downloads.want(elsewhere, other);
            await().atMost(SOON).until(() -> !downloads.pending(other.sha256()));
        } finally {
            downloads.close();
        }

        assertThat(downloaded).isEmpty();
        assertThat(library.has("0".repeat(64))).isFalse();
    }
}
