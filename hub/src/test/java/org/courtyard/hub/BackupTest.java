package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.courtyard.hub.store.Backup;
import org.courtyard.hub.store.BackupSettings;
import org.courtyard.hub.sync.SyncCursor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online backups, rotation, and the verified restore that refuses to overwrite a running hub. */
class BackupTest {

    @TempDir
    Path dir;

    final List<AutoCloseable> open = new ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void a_backup_taken_while_kiosks_sync_restores_into_a_hub_that_has_the_data() throws Exception {
        Path data = dir.resolve("data");
        TestHub hub = start(data);
        TestHub.Kiosk kiosk = hub.kiosk("活动室", "大村");
        hub.user("wang", "STAFF", null);
        byte[] audio = "RIFF....WAVEfmt pretend audio".getBytes(StandardCharsets.US_ASCII);
        Path audioFile = data.resolve("audio").resolve(sha256(audio) + ".wav");
        Files.createDirectories(audioFile.getParent());
        Files.write(audioFile, audio);
        List<String> accepted = new CopyOnWriteArrayList<>();
        AtomicBoolean syncing = new AtomicBoolean(true);
        CompletableFuture<Void> kioskTraffic = CompletableFuture.runAsync(() -> {
            while (syncing.get()) {
                TestHub.Answer answer = hub.sync(kiosk, null, TestHub.helpRequested(UUID.randomUUID(), TestHub.START));
                answer.json().get("accepted").forEach(id -> accepted.add(id.asText()));
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 20);
        List<String> beforeBackup = List.copyOf(accepted);

        int code = run("backup", "--data", data.toString(), "--to", dir.resolve("backup.zip").toString());

        List<String> afterBackup = List.copyOf(accepted);
        syncing.set(false);
        kioskTraffic.get(30, TimeUnit.SECONDS);
        assertThat(code).as(text(err)).isZero();
        assertThat(text(out)).startsWith("backup written: " + dir.resolve("backup.zip"));
        Path restored = dir.resolve("restored");
        assertThat(run("restore", "--from", dir.resolve("backup.zip").toString(), "--data", restored.toString()))
                .as(text(err)).isZero();
        TestHub again = start(restored);
        List<String> ids = again.column("SELECT id FROM help_requests");
        assertThat(ids).containsAll(beforeBackup);
        assertThat(afterBackup).containsAll(ids);
        JsonNode list = again.get("/api/v1/help-requests?limit=1000", again.login("wang", "password-wang")).json();
        assertThat(list).hasSize(ids.size());
        assertThat(Files.readAllBytes(restored.resolve("audio").resolve(audioFile.getFileName()))).isEqualTo(audio);
        assertThat(again.column("SELECT action FROM audit_log")).contains("kiosk.create", "user.create");
    }

    @Test
    void a_kiosk_that_saw_changes_the_backup_lacks_still_gets_new_ones_after_the_restore() throws Exception {
        Path data = dir.resolve("data");
        TestHub hub = start(data);
        TestHub.Kiosk kiosk = hub.kiosk("活动室", "大村");
        UUID help = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(help, TestHub.START));
        Path backup = dir.resolve("backup.zip");
        assertThat(run("backup", "--data", data.toString(), "--to", backup.toString())).isZero();
        hub.transition(hub.adminToken, help, "ACKNOWLEDGED", null);
        hub.transition(hub.adminToken, help, "ASSIGNED", "张书记");
        String cursor = hub.sync(kiosk, "0").json().get("cursor").asText();
        hub.close();
        assertThat(run("restore", "--from", backup.toString(), "--data", data.toString(), "--replace")).isZero();
        TestHub restored = start(data);

        restored.transition(restored.adminToken, help, "ACKNOWLEDGED", null);
        JsonNode answer = restored.sync(kiosk, cursor).json();

        assertThat(answer.get("helpUpdates")).hasSize(1);
        assertThat(answer.get("helpUpdates").get(0).get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(helpPart(answer.get("cursor").asText())).isLessThan(helpPart(cursor));
    }

    /** The help-change slice of a sync cursor. */
    private static long helpPart(String cursor) {
        return SyncCursor.parse(cursor).slice("help", 0);
    }

    @Test
    void a_restore_refuses_while_a_hub_runs_on_the_directory() throws Exception {
        Path data = dir.resolve("data");
        TestHub hub = start(data);
        hub.kiosk("活动室", "大村");
        assertThat(run("backup", "--data", data.toString(), "--to", dir.toString())).isZero();
        Path backup = single(dir, "hub-backup-");
        hub.kiosk("另一个", "小村");

        int code = run("restore", "--from", backup.toString(), "--data", data.toString(), "--replace");

        assertThat(code).isEqualTo(1);
        assertThat(text(err)).contains("in use").contains(data.toString());
        assertThat(hub.column("SELECT COUNT(*) FROM kiosks")).containsExactly("2");
        assertThat(hub.get("/healthz", null).status()).isEqualTo(200);
    }

    @Test
    void a_damaged_backup_is_refused_before_anything_is_written() throws Exception {
        Path data = dir.resolve("data");
        TestHub hub = start(data);
        hub.kiosk("活动室", "大村");
        Path good = dir.resolve("good.zip");
        assertThat(run("backup", "--data", data.toString(), "--to", good.toString())).isZero();
        Path damaged = dir.resolve("damaged.zip");
        rewrite(good, damaged, Backup.DATABASE, bytes -> bytes[bytes.length / 2] ^= 0x55);
        Path target = dir.resolve("target");

        int code = run("restore", "--from", damaged.toString(), "--data", target.toString());

        assertThat(code).isEqualTo(1);
        assertThat(text(err)).contains("damaged").contains(Backup.DATABASE);
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void restoring_over_existing_data_needs_replace_and_keeps_the_old_data_aside() throws Exception {
        Path data = dir.resolve("data");
        TestHub hub = start(data);
        hub.kiosk("备份时的", "大村");
        Path backup = dir.resolve("backup.zip");
        assertThat(run("backup", "--data", data.toString(), "--to", backup.toString())).isZero();
        hub.kiosk("备份后的", "大村");
        hub.close();

        assertThat(run("restore", "--from", backup.toString(), "--data", data.toString())).isEqualTo(1);
        assertThat(text(err)).contains("--replace");
        assertThat(run("restore", "--from", backup.toString(), "--data", data.toString(), "--replace")).isZero();

        TestHub again = start(data);
        assertThat(again.column("SELECT name FROM kiosks")).containsExactly("备份时的");
        Path aside = single(data, ".before-restore-");
        assertThat(TestHub.column(aside, "SELECT name FROM kiosks ORDER BY name"))
                .containsExactlyInAnyOrder("备份时的", "备份后的");
        assertThat(text(out)).contains(aside.toString());
    }

    @Test
    void scheduled_backups_keep_the_newest_and_touch_nothing_else() throws Exception {
        Path backups = dir.resolve("backups");
        Files.createDirectories(backups);
        Files.writeString(backups.resolve("notes.txt"), "the operator's own file");
        TestHub hub = start(dir.resolve("data"), builder -> builder.backup(
                new BackupSettings(backups, Duration.ofHours(24), 3)));
        List<Path> made = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            hub.kiosk("活动室" + i, "大村");
            made.add(hub.hub.backupNow().file());
            hub.clock.advance(Duration.ofHours(1));
        }

        assertThat(Backup.list(backups)).containsExactlyElementsOf(made.subList(2, 5));
        assertThat(made.get(0).getFileName().toString()).isEqualTo("hub-backup-20261129T100000Z.zip");
        assertThat(backups.resolve("notes.txt")).exists();
        Backup.Manifest newest = Backup.verify(made.get(4));
        assertThat(newest.createdAt()).isEqualTo(TestHub.START.plus(Duration.ofHours(4)));
    }

    @Test
    void a_second_hub_on_the_same_directory_is_refused() throws Exception {
        Path data = dir.resolve("data");
        start(data);

        assertThatThrownBy(() -> Hub.create(HubConfig.builder(data).port(0).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(data.toString())
                .hasMessageContaining("process " + ProcessHandle.current().pid());
    }

    @Test
    void backup_settings_come_from_the_config_file() {
        Properties properties = new Properties();
        properties.putAll(Map.of("backup.dir", dir.resolve("backups").toString(), "backup.keep", "30"));

        HubConfig config = HubConfig.builder(dir.resolve("data")).apply(properties).build();

        assertThat(config.backup()).hasValue(new BackupSettings(dir.resolve("backups"), Duration.ofHours(24), 30));
        Properties inside = new Properties();
        inside.setProperty("backup.dir", dir.resolve("data").resolve("backups").toString());
        assertThatThrownBy(() -> HubConfig.builder(dir.resolve("data")).apply(inside).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backup.dir");
        Properties noDir = new Properties();
        noDir.setProperty("backup.every-hours", "6");
        assertThatThrownBy(() -> HubConfig.builder(dir.resolve("data")).apply(noDir).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backup.every-hours");
    }

    @Test
    void bad_backup_commands_say_what_is_wrong() throws Exception {
        assertThat(run("backup", "--data", dir.toString())).isEqualTo(2);
        assertThat(text(err)).contains("--to");
        assertThat(run("restore", "--data")).isEqualTo(2);
        assertThat(run("backup", "--data", dir.resolve("empty").toString(), "--to", dir.resolve("x.zip").toString()))
                .isEqualTo(1);
        assertThat(text(err)).contains("no hub database");
        Files.writeString(dir.resolve("not-a-backup.zip"), "hello");
        assertThat(run("restore", "--from", dir.resolve("not-a-backup.zip").toString(), "--data",
                dir.resolve("target").toString())).isEqualTo(1);
        assertThat(text(err)).contains("not a readable backup");
    }

    private TestHub start(Path data) {
        return start(data, builder -> builder);
    }

    private TestHub start(Path data, java.util.function.UnaryOperator<HubConfig.Builder> tweak) {
        TestHub hub = new TestHub(data, tweak);
        open.add(hub);
        return hub;
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }

    private static Path single(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> matching = files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(matching).hasSize(1);
            return matching.get(0);
        }
    }

    /** Copies a zip, changing the bytes of one entry and keeping its manifest as it was. */
    private static void rewrite(Path from, Path to, String name, java.util.function.Consumer<byte[]> change)
            throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile());
                OutputStream file = Files.newOutputStream(to);
                ZipOutputStream copy = new ZipOutputStream(file)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().equals(name)) {
                    change.accept(bytes);
                }
                copy.putNextEntry(new ZipEntry(entry.getName()));
                copy.write(bytes);
                copy.closeEntry();
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
