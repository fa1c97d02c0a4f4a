package org.courtyard.hub.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium and chromedriver (Debian's {@code chromium} and {@code chromium-driver},
 * which .ci/run installs) driven headless through Selenium. Nothing is downloaded: the driver and
 * the browser are named explicitly, so Selenium Manager never runs, and the browser's own
 * background networking is off. Without the browser or the driver the calling test is skipped.
 * Shared through the hub's test-jar by the hub's page tests and the end-to-end demo tests.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** The browser: {@code -Dcourtyard.chromium=PATH}, by default Debian's. */
    public static final Path BROWSER = Path.of(System.getProperty("courtyard.chromium", "/usr/bin/chromium"));
    /** Its driver, of the same version: {@code -Dcourtyard.chromedriver=PATH}, by default Debian's. */
    public static final Path DRIVER = Path.of(System.getProperty("courtyard.chromedriver", "/usr/bin/chromedriver"));
    /** Where {@link #screenshot} writes: {@code -Dcourtyard.screenshots=DIR}, set by the POM to target/screenshots. */
    public static final Path SCREENSHOTS = Path.of(System.getProperty("courtyard.screenshots", "target/screenshots"));

    /**
     * WeChat 8's built-in browser on Android (XWeb): the user agent a family member's phone sends,
     * for {@code --user-agent=}.
     */
    public static final String WECHAT_USER_AGENT = "Mozilla/5.0 (Linux; Android 12; V2049A Build/SP1A.210812.003; wv)"
            + " AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36"
            + " XWEB/5023 MMWEBSDK/20221109 MicroMessenger/8.0.31.2280(0x28001F37) WeChat/arm64 Weixin NetType/4G"
            + " Language/zh_CN ABI/arm64";

    public final ChromeDriver driver;
    private final ChromeDriverService service;
    private boolean closed;

    /**
     * Starts a browser with a 1366x768 window and its profile in {@code profile}.
     *
     * @throws org.opentest4j.TestAbortedException when Chromium or its driver is not installed
     */
    public HeadlessChromium(Path profile) {
        this(profile, new String[0]);
    }

    /**
     * As {@link #HeadlessChromium(Path)}, with more command-line switches: for example
     * {@code --use-fake-device-for-media-stream --use-fake-ui-for-media-stream} for a fake
     * microphone (a beep) that the page may use without asking.
     */
    public HeadlessChromium(Path profile, String... moreArguments) {
        assumeTrue(Files.isExecutable(BROWSER), "browser tests skipped: no Chromium at " + BROWSER
                + " (apt-get install chromium chromium-driver; .ci/run installs them)");
        assumeTrue(Files.isExecutable(DRIVER), "browser tests skipped: no chromedriver at " + DRIVER
                + " (apt-get install chromium-driver; .ci/run installs it)");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(SCREENSHOTS.toAbsolutePath().resolveSibling("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--lang=zh-CN", "--window-size=1366,768",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.addArguments(moreArguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver started;
        try {
            started = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
        driver = started;
        driver.manage().window().setSize(new Dimension(1366, 768));
    }

    /**
     * A wait whose condition is asked again when the element it found was replaced before it was
     * read: the pages re-render a list (a section reloads after an action) between a condition's
     * find and its read, and the element found a moment before is then stale, not wrong.
     */
    public WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Saves what the browser shows as {@code target/screenshots/NAME.png} and returns the file. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /**
     * Saves what a 390-px-wide phone shows of the page as {@code NAME.png}, then goes back to the
     * desktop size. The page is laid out as on a phone (device metrics emulation): resizing the
     * window would not do, since headless Chromium keeps a window at least 500 px wide.
     */
    public Path phoneScreenshot(String name) throws IOException {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            return screenshot(name);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }

    /** The browser console since the last call: "LEVEL message" lines. */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(HeadlessChromium::line).toList();
    }

    /** Runs a Chrome DevTools command (e.g. {@code Network.setBlockedURLs}). */
    public void devTools(String command, Map<String, Object> parameters) {
        driver.executeCdpCommand(command, parameters);
    }

    private static String line(LogEntry entry) {
        return entry.getLevel() + " " + entry.getMessage();
    }

    /** Quits the browser and stops its driver; closing twice is safe. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
