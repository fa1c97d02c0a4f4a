package org.courtyard.kiosk.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.courtyard.kiosk.TestHelp;
import org.courtyard.kiosk.announce.AudioDownloads;
import org.courtyard.kiosk.announce.AudioLibrary;
import org.courtyard.kiosk.checkin.PhotoCache;
import org.courtyard.kiosk.help.HelpStore;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.voice.internal.MemoQueue;
import org.courtyard.kiosk.voice.internal.MemoUploader;
import org.courtyard.protocol.AudioRef;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.ResidentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bug of issue 12: residents' photos, announcement audio and voice memos used to build their
 * own HTTP clients, so they failed a hub with a township certificate and never checked a pin. Each
 * now goes through the kiosk's {@link HubConnection}: with {@code tls.ca-file} its request reaches a
 * hub whose certificate the township CA signed, with the kiosk's token; with a wrong
 * {@code tls.pin-sha256} it breaks off the handshake, so the hub sees a connection and no request,
 * and the token never leaves the kiosk. The stand-in works at the TLS level to see exactly that; the
 * real hub over TLS is e2e's TlsEndToEndIT.
 */
class HubCallersTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String WRONG_PIN = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    @TempDir
    static Path certificatesDir;

    private static TestCertificates certificates;

    @TempDir
    Path dir;

    private TlsRecorder hub;
    private AutoCloseable caller;

    @BeforeAll
    static void certificates() throws Exception {
        certificates = TestCertificates.create(certificatesDir);
    }

    @BeforeEach
    void hub() throws Exception {
        hub = new TlsRecorder(certificates.serverContext());
    }

    @AfterEach
    void stop() throws Exception {
        if (caller != null) {
            caller.close();
        }
        hub.close();
    }

    private HubConnection trustingTheTownshipCa() {
        return HubConnection.of(hub.uri(), "kiosk-token", HubTls.of(certificates.caPem, null, false));
    }

    private HubConnection withAWrongPin() {
        return HubConnection.of(hub.uri(), "kiosk-token", HubTls.of(certificates.caPem, WRONG_PIN, false));
    }

    @Test
    void a_photo_is_asked_for_with_the_township_ca() {
        caller = photos(trustingTheTownshipCa());

        await().atMost(WAIT).until(() -> !hub.requests().isEmpty());
        assertThat(hub.requests().get(0)).isEqualTo(new TlsRecorder.Request(
                "GET /api/v1/residents/r-zhangguiy/photo HTTP/1.1", "Bearer kiosk-token"));
        assertThat(hub.refusedHandshakes()).isZero();
    }

    @Test
    void a_photo_is_not_asked_for_with_a_wrong_pin() {
        caller = photos(withAWrongPin());

        await().atMost(WAIT).until(() -> hub.refusedHandshakes() > 0);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void announcement_audio_is_asked_for_with_the_township_ca() {
        caller = audio(trustingTheTownshipCa());

        await().atMost(WAIT).until(() -> !hub.requests().isEmpty());
        assertThat(hub.requests().get(0)).isEqualTo(new TlsRecorder.Request(
                "GET /api/v1/announcements/a-flood/audio HTTP/1.1", "Bearer kiosk-token"));
        assertThat(hub.refusedHandshakes()).isZero();
    }

    @Test
    void announcement_audio_is_not_asked_for_with_a_wrong_pin() {
        caller = audio(withAWrongPin());

        await().atMost(WAIT).until(() -> hub.refusedHandshakes() > 0);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void a_voice_memo_is_sent_with_the_township_ca() throws Exception {
        Memo memo = memo(trustingTheTownshipCa());
        caller = memo;

        await().atMost(WAIT).until(() -> !hub.requests().isEmpty());
        assertThat(hub.requests().get(0).line()).startsWith("PUT /api/v1/help-requests/" + memo.request + "/memo");
        assertThat(hub.requests().get(0).authorization()).isEqualTo("Bearer kiosk-token");
        assertThat(hub.refusedHandshakes()).isZero();
    }

    @Test
    void a_voice_memo_is_not_sent_with_a_wrong_pin_and_waits_saying_why() throws Exception {
        Memo memo = memo(withAWrongPin());
        caller = memo;

        await().atMost(WAIT).untilAsserted(() -> assertThat(memo.queue.memo(memo.request).orElseThrow().lastError())
                .contains("the hub's certificate is not trusted: its public key is sha256/" + certificates.hubPin()));
        // the kiosk knows first; the stand-in's thread counts the broken-off handshake when it reads the alert
        await().atMost(WAIT).until(() -> hub.refusedHandshakes() > 0);
        assertThat(hub.requests()).isEmpty();
        assertThat(memo.queue.memo(memo.request).orElseThrow().uploadedAt()).isNull();
    }

    private AutoCloseable photos(HubConnection connection) {
        PhotoCache photos = new PhotoCache(connection, dir.resolve("photos"), () -> { });
        photos.want(List.of(new ResidentCard("r-zhangguiy", "张桂英", ResidentType.ELDER, "ab".repeat(32))));
        return photos;
    }

    private AutoCloseable audio(HubConnection connection) {
        AudioDownloads downloads = new AudioDownloads(connection, new AudioLibrary(dir), sha256 -> { });
        downloads.start();
        downloads.want("a-flood", new AudioRef("cd".repeat(32), 1000, 500));
        return downloads;
    }

    /** A delivered help request with a memo waiting, and the uploader started. */
    private Memo memo(HubConnection connection) throws Exception {
        KioskStore store = KioskStore.open(dir);
        UUID request = TestHelp.saved(store, HelpSource.BUTTON, null);
        TestHelp.deliver(store, request);
        MemoQueue queue = new MemoQueue(store, dir.resolve("memos"), Clock.systemUTC(), new HelpStore(store)::delivered);
        queue.save(request, new byte[] {'R', 'I', 'F', 'F'}, 500, "我摔倒了");
        MemoUploader uploader = new MemoUploader(queue, connection, Clock.systemUTC(), Duration.ofSeconds(60));
        uploader.start();
        return new Memo(store, queue, uploader, request);
    }

    private record Memo(KioskStore store, MemoQueue queue, MemoUploader uploader, UUID request)
            implements AutoCloseable {
        @Override
        public void close() {
            uploader.close();
            store.close();
        }
    }
}
