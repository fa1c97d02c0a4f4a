package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/pi/install-kiosk.sh} in its dry-run mode: it writes under a fake root what it
 * would write on a Pi and prints the commands it would run; run twice, the second run changes
 * nothing. The jar here is a stand-in whose JavaFX library says aarch64 (or x86-64).
 */
class InstallKioskScriptTest {

    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    /** The second byte pair of an ELF header's e_machine: 0xB7 is aarch64, 0x3E x86-64. */
    private static final int AARCH64 = 0xB7;
    private static final int X86_64 = 0x3E;

    @TempDir
    Path dir;

    private Path root;
    private Path jar;
    /** A copy of deploy/pi in a folder laid out like the repository, so a test may add deploy/voice. */
    private Path script;

    /** What one run printed, and its exit code. */
    private record Run(int exit, List<String> lines) {
        List<String> commands() {
            return lines.stream().filter(line -> line.startsWith("would run: ")).toList();
        }

        String last() {
            return lines.get(lines.size() - 1);
        }
    }

    @BeforeEach
    void fakePi() throws IOException {
        root = dir.resolve("root");
        Files.createDirectories(root.resolve("boot/firmware"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("boot/firmware/cmdline.txt"),
                "console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4 fsck.repair=yes rootwait\n");
        Files.writeString(root.resolve("etc/os-release"), "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
                + "VERSION_CODENAME=bookworm\n");
        jar = fakeJar(dir.resolve("courtyard-kiosk.jar"), AARCH64);
        Path copy = dir.resolve("repo/deploy/pi");
        Files.createDirectories(copy);
        try (var files = Files.list(REPO.resolve("deploy/pi"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        script = copy.resolve("install-kiosk.sh");
    }

    @Test
    void a_first_run_lays_out_the_kiosk_and_a_second_run_changes_nothing() throws Exception {
        Run first = install("--jar", jar.toString());

        assertThat(first.exit()).isZero();
        assertThat(first.last()).matches("install-kiosk: done: \\d+ change\\(s\\)");
        assertThat(first.commands()).anySatisfy(command -> assertThat(command)
                .contains("apt-get install -y --no-install-recommends openjdk-").contains("fonts-noto-cjk")
                .contains("cage").contains("xwayland"));
        assertThat(first.commands()).contains(
                "would run: useradd --system --home-dir /var/lib/courtyard --create-home --shell /usr/sbin/nologin"
                        + " --comment Courtyard\\ kiosk courtyard",
                "would run: usermod -aG gpio courtyard", "would run: usermod -aG audio courtyard",
                "would run: usermod -aG video courtyard", "would run: usermod -aG input courtyard",
                "would run: usermod -aG render courtyard",
                "would run: systemctl set-default graphical.target",
                "would run: systemctl enable courtyard-kiosk.service",
                "would run: systemctl daemon-reexec");
        assertThat(root.resolve("opt/courtyard/courtyard-kiosk.jar")).hasSameBinaryContentAs(jar);
        assertThat(mode("opt/courtyard/bin/courtyard-kiosk")).isEqualTo("rwxr-xr-x");
        assertThat(Files.readString(root.resolve("opt/courtyard/bin/courtyard-kiosk")))
                .contains("-Dcourtyard.fullscreen=true", "-jar /opt/courtyard/courtyard-kiosk.jar",
                        "--config /etc/courtyard/kiosk.properties");
        assertThat(Files.readString(root.resolve("etc/systemd/system/courtyard-kiosk.service")))
                .contains("ExecStart=/usr/bin/cage -d -- /opt/courtyard/bin/courtyard-kiosk", "Restart=always",
                        "User=courtyard", "WantedBy=graphical.target");
        assertThat(Files.readString(root.resolve("etc/systemd/system.conf.d/courtyard-watchdog.conf")))
                .contains("RuntimeWatchdogSec=15s");
        assertThat(Files.readString(root.resolve("etc/courtyard/kiosk.properties")))
                .contains("data=/var/lib/courtyard", "hardware=pi").doesNotContain("token=");
        assertThat(Files.readString(root.resolve("boot/firmware/cmdline.txt")))
                .isEqualTo("console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4"
                        + " fsck.repair=yes rootwait consoleblank=0\n");
        assertThat(first.lines()).anySatisfy(line -> assertThat(line).startsWith("install-kiosk: voice: ")
                .endsWith("is not there; skipped (the kiosk runs with voice off and says why)"));

        Run second = install("--jar", jar.toString());

        assertThat(second.exit()).isZero();
        assertThat(second.commands()).isEmpty();
        assertThat(second.lines()).noneSatisfy(line -> assertThat(line).contains("changed:"));
        assertThat(second.last()).isEqualTo("install-kiosk: done: nothing to change");
    }

    @Test
    void a_home_unit_gets_a_headless_service_its_profile_and_no_screen_packages_and_a_second_run_changes_nothing()
            throws Exception {
        Path pc = fakeJar(dir.resolve("pc.jar"), X86_64);

        Run first = install("--profile", "home", "--jar", pc.toString());

        assertThat(first.exit()).as(String.join("\n", first.lines())).isZero();
        assertThat(first.commands()).anySatisfy(command -> assertThat(command)
                .contains("apt-get install -y --no-install-recommends openjdk-").contains("espeak-ng")
                .doesNotContain("cage").doesNotContain("fonts-noto-cjk"));
        assertThat(first.commands()).contains("would run: systemctl enable courtyard-kiosk.service")
                .doesNotContain("would run: systemctl set-default graphical.target");
        assertThat(Files.readString(root.resolve("etc/systemd/system/courtyard-kiosk.service")))
                .contains("-jar /opt/courtyard/courtyard-kiosk.jar", "--profile home", "Restart=always",
                        "User=courtyard", "WantedBy=multi-user.target").doesNotContain("cage");
        assertThat(Files.readString(root.resolve("etc/courtyard/kiosk.properties")))
                .contains("hardware=pi", "\nprofile=home\n").doesNotContain("token=");
        assertThat(root.resolve("opt/courtyard/bin/courtyard-kiosk")).doesNotExist();
        assertThat(Files.readString(root.resolve("boot/firmware/cmdline.txt"))).doesNotContain("consoleblank");

        Run second = install("--profile", "home", "--jar", pc.toString());

        assertThat(second.commands()).isEmpty();
        assertThat(second.last()).isEqualTo("install-kiosk: done: nothing to change");
    }

    @Test
    void a_new_jar_is_the_only_change_and_an_edited_configuration_is_kept() throws Exception {
        install("--jar", jar.toString());
        Path config = root.resolve("etc/courtyard/kiosk.properties");
        Files.writeString(config, "data=/var/lib/courtyard\nhardware=pi\nhub=https://10.0.0.5:8443\n");
        Path newer = fakeJar(dir.resolve("newer.jar"), AARCH64, "org/courtyard/kiosk/Added.class");

        Run update = install("--jar", newer.toString());

        assertThat(update.lines()).filteredOn(line -> line.contains("changed:"))
                .containsExactly("install-kiosk: changed: /opt/courtyard/courtyard-kiosk.jar");
        assertThat(update.last()).isEqualTo("install-kiosk: done: 1 change(s)");
        assertThat(Files.readString(config)).contains("hub=https://10.0.0.5:8443");
    }

    @Test
    void a_jar_built_for_a_pc_is_refused_with_the_command_that_builds_the_right_one() throws Exception {
        Path pc = fakeJar(dir.resolve("pc.jar"), X86_64);

        Run run = install("--jar", pc.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(String.join("\n", run.lines())).contains("is for x86-64, not the Pi's aarch64",
                "./mvnw -Djavafx.platform=linux-aarch64 -pl kiosk -am package");
        assertThat(root.resolve("opt/courtyard")).doesNotExist();
    }

    @Test
    void the_voice_installer_runs_when_it_is_there_with_the_options_given_after_two_dashes() throws Exception {
        Path voice = dir.resolve("repo/deploy/voice/install-voice.sh");
        Files.createDirectories(voice.getParent());
        Files.writeString(voice, "#!/usr/bin/env bash\necho voice installed\n");

        Run first = install("--jar", jar.toString(), "--", "--model-zip", "/media/usb/model.zip");
        Run second = install("--jar", jar.toString());

        assertThat(first.lines()).contains("install-kiosk: voice: a real run runs " + voice
                + " --model-zip /media/usb/model.zip");
        assertThat(second.commands()).isEmpty();
        assertThat(second.last()).isEqualTo("install-kiosk: done: nothing to change");
    }

    @Test
    void a_dry_run_without_a_fake_root_is_refused() throws Exception {
        Run run = run(List.of("--dry-run", "--jar", jar.toString()), false);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines()).contains("install-kiosk: --dry-run needs DEPLOY_ROOT, the folder to write the files under");
    }

    @Test
    void the_script_is_shellcheck_clean() throws Exception {
        assumeTrue(onPath("shellcheck"), "shellcheck is not installed (.ci/run installs it)");
        Process process = new ProcessBuilder("shellcheck", REPO.resolve("deploy/pi/install-kiosk.sh").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private Run install(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--dry-run"));
        all.addAll(List.of(args));
        return run(all, true);
    }

    private Run run(List<String> args, boolean withRoot) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DEPLOY_ROOT");
        if (withRoot) {
            builder.environment().put("DEPLOY_ROOT", root.toString());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script finished").isTrue();
        return new Run(process.exitValue(), output.lines().toList());
    }

    private String mode(String path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(path)));
    }

    /** A zip with a {@code libglass.so} whose ELF header names {@code machine}, as a JavaFX jar has. */
    private static Path fakeJar(Path file, int machine, String... moreEntries) throws IOException {
        byte[] elf = new byte[64];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        elf[4] = 2;
        elf[5] = 1;
        elf[18] = (byte) machine;
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("libglass.so"));
            zip.write(elf);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("org/courtyard/kiosk/app/Main.class"));
            zip.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
            zip.closeEntry();
            for (String entry : moreEntries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.closeEntry();
            }
        }
        return file;
    }

    private static boolean onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
