package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings a hub is shipped with (deploy/hub and the {@code ./courtyard} launcher) carry a
 * prefecture: out of memory ends the process so it is restarted rather than left a zombie, and
 * the file limit covers the connections the hub accepts.
 */
class ShippedHubSettingsTest {

    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private final ShippedHub shipped = new ShippedHub(REPO.resolve("deploy"));

    @TempDir
    Path dir;

    @Test
    void the_service_exits_on_out_of_memory_whatever_the_operator_puts_in_java_opts() {
        String execStart = shipped.execStart();
        assertThat(execStart).contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(execStart.indexOf("-XX:+ExitOnOutOfMemoryError"))
                .as("the flag is in the unit itself, not in hub.env's JAVA_OPTS an operator edits")
                .isLessThan(execStart.indexOf("$JAVA_OPTS"));
        assertThat(shipped.jvmOptions()).contains("-XX:+ExitOnOutOfMemoryError").anyMatch(o -> o.startsWith("-Xmx"));
    }

    @Test
    void the_file_limit_covers_the_connections_the_hub_accepts_with_room_for_its_files() throws IOException {
        long files = Long.parseLong(shipped.unitValue("LimitNOFILE"));
        String template = Files.readString(REPO.resolve("deploy/hub/hub.properties.template"), StandardCharsets.UTF_8);
        long connections = template.lines().filter(line -> line.startsWith("#http.max-connections="))
                .map(line -> Long.parseLong(line.substring("#http.max-connections=".length()).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("hub.properties.template documents no "
                        + "http.max-connections default"));
        assertThat(files).as("LimitNOFILE against http.max-connections %d plus database, audio and logs",
                connections).isGreaterThanOrEqualTo(connections + 1_000);
    }

    @Test
    void courtyard_hub_runs_the_jar_so_that_it_exits_on_out_of_memory() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("hub/target"));
        Files.createDirectories(repo.resolve("kiosk/target"));
        Files.writeString(repo.resolve("hub/target/courtyard-hub.jar"), "");
        Files.writeString(repo.resolve("kiosk/target/courtyard-kiosk.jar"), "");
        Files.copy(REPO.resolve("courtyard"), repo.resolve("courtyard"));
        Path java = dir.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        // A stand-in java that prints the command line it was given.
        Files.writeString(java, "#!/bin/sh\necho \"java $*\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder builder = new ProcessBuilder("bash", repo.resolve("courtyard").toString(), "hub", "--port", "0")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(output).isEqualTo("java -XX:+ExitOnOutOfMemoryError -jar " + repo.resolve("hub/target/courtyard-hub.jar")
                + " --port 0");
    }
}
