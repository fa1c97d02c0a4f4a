package org.courtyard.hub;

import java.nio.file.Path;
import java.time.Duration;
import org.courtyard.hub.testing.HeadlessChromium;
import org.courtyard.hub.testing.StaffPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the staff page ITs share: before each test the staff page in its own headless Chromium;
 * the hub each test class starts in its own {@code @BeforeEach} (which runs after this one), with
 * the configuration it needs, in {@link #dir}. After each test the browser is closed first, and
 * its console checked for script errors and policy violations, then the hub.
 */
abstract class StaffPageHarness {

    /** The hub's data folder. */
    @TempDir
    Path dir;

    @TempDir
    Path profile;

    TestHub hub;
    StaffPage page;
    /** The page's browser and its wait, for short calls. */
    HeadlessChromium chromium;
    WebDriverWait wait;

    private final Duration timeout;
    private final String[] browserArguments;

    /** {@code timeout} bounds every wait on the page; {@code browserArguments} go to Chromium. */
    StaffPageHarness(Duration timeout, String... browserArguments) {
        this.timeout = timeout;
        this.browserArguments = browserArguments.clone();
    }

    @BeforeEach
    final void startBrowser() {
        page = new StaffPage(profile, timeout, browserArguments);
        chromium = page.chromium;
        wait = page.wait;
    }

    @AfterEach
    final void closeBrowserThenHub(TestInfo test) {
        try (TestHub closing = hub) {
            if (page != null) {
                page.closeCheckingConsole(test.getDisplayName());
            }
        }
    }

    /** Opens the staff page at the hub's root and logs in; returns once the page shows who is logged in. */
    void login(String username, String password) {
        page.login(hub.uri("/").toString(), username, password);
    }
}
