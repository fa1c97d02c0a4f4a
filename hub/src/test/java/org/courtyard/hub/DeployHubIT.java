package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/hub: the install script is idempotent and clean, the unit and templates are valid. */
class DeployHubIT {

    static final Path DEPLOY = Path.of(System.getProperty("courtyard.deploy.dir", "../deploy"), "hub");
    static final String JAR = System.getProperty("courtyard.hub.jar");

    @TempDir
    Path root;

    record Run(int code, String output) {
    }

    @Test
    void installing_twice_changes_nothing_the_second_time() throws Exception {
        Run first = run("bash", DEPLOY.resolve("install.sh").toString(), "--root", root.toString(), "--jar", JAR);
        List<String> afterFirst = snapshot(root);

        Run second = run("bash", DEPLOY.resolve("install.sh").toString(), "--root", root.toString(), "--jar", JAR);

        assertThat(first.code()).as(first.output()).isZero();
        assertThat(first.output()).contains("changed: /opt/courtyard-hub/courtyard-hub.jar")
                .contains("changed: /etc/systemd/system/courtyard-hub.service");
        assertThat(second.code()).as(second.output()).isZero();
        assertThat(second.output()).contains("nothing changed").doesNotContain("changed:");
        assertThat(snapshot(root)).isEqualTo(afterFirst);
        assertThat(mode("etc/courtyard-hub/hub.env")).isEqualTo("rw-r-----");
        assertThat(mode("etc/courtyard-hub")).isEqualTo("rwxr-x---");
        assertThat(mode("var/lib/courtyard-hub")).isEqualTo("rwxr-x---");
    }

    @Test
    void an_operators_settings_survive_a_reinstall_and_a_new_jar_replaces_only_the_jar() throws Exception {
        run("bash", DEPLOY.resolve("install.sh").toString(), "--root", root.toString(), "--jar", JAR);
        Path env = root.resolve("etc/courtyard-hub/hub.env");
        Files.writeString(env, "COURTYARD_PORT=8443\nCOURTYARD_TLS_PASSWORD=operator-secret\n");
        Path newer = root.resolve("newer.jar");
        Files.copy(Path.of(JAR), newer);
        Files.write(newer, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);

        Run again = run("bash", DEPLOY.resolve("install.sh").toString(), "--root", root.toString(), "--jar",
                newer.toString());

        assertThat(again.code()).as(again.output()).isZero();
        assertThat(again.output().lines().filter(line -> line.startsWith("changed: ")))
                .containsExactly("changed: /opt/courtyard-hub/courtyard-hub.jar");
        assertThat(Files.readString(env)).contains("operator-secret");
        assertThat(sha256(root.resolve("opt/courtyard-hub/courtyard-hub.jar"))).isEqualTo(sha256(newer));
    }

    @Test
    void the_settings_templates_are_a_valid_hub_configuration_without_secrets() throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(DEPLOY.resolve("hub.properties.template"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }

        HubConfig config = HubConfig.builder(Path.of("/var/lib/courtyard-hub")).apply(properties).build();

        assertThat(config.backup()).hasValueSatisfying(backup ->
                assertThat(backup.dir()).isEqualTo(Path.of("/var/backups/courtyard-hub")));
        Properties env = new Properties();
        try (Reader reader = Files.newBufferedReader(DEPLOY.resolve("hub.env.template"), StandardCharsets.UTF_8)) {
            env.load(reader);
        }
        assertThat(env.getProperty(Main.ADMIN_PASSWORD_ENV)).isEmpty();
        assertThat(env.getProperty(Main.TLS_PASSWORD_ENV)).isEmpty();
        assertThat(env.getProperty("COURTYARD_PORT")).isEqualTo("8080");
    }

    @Test
    void the_scripts_pass_shellcheck() throws Exception {
        assumeTrue(onPath("shellcheck"), "shellcheck is not installed (apt-get install shellcheck)");

        Run check = run("shellcheck", DEPLOY.resolve("install.sh").toString(),
                DEPLOY.resolve("township-tls.sh").toString());

        assertThat(check.code()).as(check.output()).isZero();
    }

    @Test
    void the_unit_passes_systemd_analyze() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed");

        Run verify = run("systemd-analyze", "verify", DEPLOY.resolve("courtyard-hub.service").toString());

        assertThat(verify.code()).as(verify.output()).isZero();
        assertThat(verify.output()).isBlank();
        String unit = Files.readString(DEPLOY.resolve("courtyard-hub.service"));
        assertThat(unit).contains("User=courtyard-hub", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/courtyard-hub /var/backups/courtyard-hub", "PrivateTmp=yes",
                "Restart=on-failure", "SuccessExitStatus=143");
    }

    /** Every path under {@code dir} with its type, permissions, size, modification time and content hash. */
    private static List<String> snapshot(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted().toList()) {
                String line = dir.relativize(path) + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
                        + " " + Files.getLastModifiedTime(path).toMillis();
                if (Files.isRegularFile(path)) {
                    line += " " + Files.size(path) + " " + sha256(path);
                }
                lines.add(line);
            }
        }
        return lines;
    }

    private String mode(String path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(path)));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static boolean onPath(String program) throws Exception {
        return run("sh", "-c", "command -v " + program).code() == 0;
    }

    private static Run run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
