package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./courtyard demo} itself, run as a person runs it on a PC without a display: the launcher
 * starts the hub with {@code --seed-demo}, prints the staff page's address and logins, and starts
 * the headless sim kiosk, whose console is this process's stdin and stdout. Only the port (0, so
 * the hub picks a free one) and the data folder (a temporary one) differ from the defaults.
 */
final class Demo implements AutoCloseable {

    private static final Pattern PAGE = Pattern.compile("^\\s*Staff page:\\s+(http://\\S+?)/?$");
    private static final Pattern STAFF = Pattern.compile(
            "^\\s*Staff login:\\s+(\\S+) / (\\S+)\\s+\\(admin: admin / (\\S+)\\)$");
    /**
     * The banner comes once the hub has started and seeded the demo through its own API, and the
     * home unit's JVM is on its way: three JVMs starting at once, which on a loaded 2-core machine
     * takes longer than one process's {@link Courtyard#START}.
     */
    private static final Duration BANNER = Duration.ofMinutes(3);
    private static final Pattern KIOSK = Pattern.compile("^\\s*Kiosk:\\s+(k-[^,\\s]+), simulated hardware.*$");
    private static final Pattern CADRE = Pattern.compile(
            "^\\s*Cadre phone:\\s+(http://\\S+)\\s+\\(.*login: (\\S+) / (\\S+)\\)$");

    /** The launcher's output, in which the kiosk's console lines follow the banner. */
    final JavaProcess console;
    /** The staff page, as printed. */
    final URI page;
    final String staffUsername;
    final String staffPassword;
    /** The administrator's password, as printed. */
    final String adminPassword;
    /** The demo kiosk's id, as printed. */
    final String kioskId;
    /** The demo kiosk's data folder ({@code COURTYARD_DATA/kiosk}). */
    final Path kioskData;
    /** The cadre's phone page and 李建华's login for it, as printed. */
    final URI cadrePage;
    final String cadreUsername;
    final String cadrePassword;

    private Demo(JavaProcess console, URI page, Matcher staff, String kioskId, Path kioskData, Matcher cadre) {
        this.console = console;
        this.page = page;
        this.staffUsername = staff.group(1);
        this.staffPassword = staff.group(2);
        this.adminPassword = staff.group(3);
        this.kioskId = kioskId;
        this.kioskData = kioskData;
        this.cadrePage = URI.create(cadre.group(1));
        this.cadreUsername = cadre.group(2);
        this.cadrePassword = cadre.group(3);
    }

    /** Runs {@code ./courtyard demo} with its data in {@code data}; returns once the kiosk is online. */
    static Demo start(Path data) throws IOException, InterruptedException {
        JavaProcess console = JavaProcess.launcher("demo", Map.of("COURTYARD_PORT", "0",
                "COURTYARD_DATA", data.toString(), "COURTYARD_HEADLESS", "1"), "demo");
        try {
            Matcher page = printed(console, PAGE);
            Matcher staff = printed(console, STAFF);
            Matcher cadre = printed(console, CADRE);
            Matcher kiosk = printed(console, KIOSK);
            console.awaitLine(line -> line.contains("running headless"), Courtyard.START);
            Demo demo = new Demo(console, URI.create(page.group(1)), staff, kiosk.group(1), data.resolve("kiosk"), cadre);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(console.status()).contains("link=ONLINE"));
            return demo;
        } catch (AssertionError | InterruptedException | RuntimeException e) {
            console.close();
            throw e;
        }
    }

    private static Matcher printed(JavaProcess console, Pattern pattern) throws InterruptedException {
        Matcher matcher = pattern.matcher(console.awaitLine(line -> pattern.matcher(line).matches(), BANNER));
        assertThat(matcher.matches()).isTrue();
        return matcher;
    }

    /** The staff page's address with {@code path} (such as {@code /}). */
    String page(String path) {
        return page.resolve(path).toString();
    }

    @Override
    public void close() throws InterruptedException {
        console.close();
    }
}
