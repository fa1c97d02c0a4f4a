package org.courtyard.hub.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff page in its own {@link HeadlessChromium}, used as a staff member uses it: log in, wait
 * for the live updates, open a section; and, at the end of a test, the browser console checked for
 * script errors and policy violations. Closing it closes the browser; closing twice is safe.
 */
public final class StaffPage implements AutoCloseable {

    public final HeadlessChromium chromium;
    /** Waits up to the timeout given to the constructor. */
    public final WebDriverWait wait;

    /**
     * Starts a browser (see {@link HeadlessChromium#HeadlessChromium(Path, String...)}) with its
     * profile in {@code profile}; nothing is opened yet.
     *
     * @throws org.opentest4j.TestAbortedException when Chromium or its driver is not installed
     */
    public StaffPage(Path profile, Duration timeout, String... browserArguments) {
        this.chromium = new HeadlessChromium(profile, browserArguments);
        this.wait = chromium.waiting(timeout);
    }

    /**
     * Opens {@code address} and logs in; returns once the page shows who is logged in. It does not
     * wait for the live updates (a test may have blocked them): {@link #awaitLive()} does.
     */
    public void login(String address, String username, String password) {
        chromium.driver.get(address);
        wait.until(visibilityOfElementLocated(By.id("login-username"))).sendKeys(username);
        find(By.id("login-password")).sendKeys(password);
        find(By.id("login-button")).click();
        wait.until(visibilityOfElementLocated(By.id("app-view")));
        wait.until(textToBePresentInElementLocated(By.id("who"), "（"));
    }

    /** Waits until the page says it is updating live (its event stream is open). */
    public void awaitLive() {
        wait.until(textToBePresentInElementLocated(By.id("live-state"), "实时更新中"));
    }

    /** Clicks the navigation entry {@code name} (such as {@code checkins}) and waits for its section. */
    public void section(String name) {
        find(By.cssSelector("[data-nav='" + name + "']")).click();
        wait.until(visibilityOfElementLocated(By.cssSelector("[data-section='" + name + "']")));
    }

    public WebElement find(By by) {
        return chromium.driver.findElement(by);
    }

    /** The visible text of the element with this id. */
    public String text(String id) {
        return find(By.id(id)).getText();
    }

    /**
     * Script errors and policy violations the browser logged since the last look; a page in order
     * has none. HTTP errors the page expects and shows itself (401 before login, 409 on a stale
     * action, a blocked stream) are not among them.
     */
    public List<String> scriptErrors() {
        return scriptErrors(chromium.console());
    }

    public void assertNoScriptErrors() {
        assertThat(scriptErrors()).as("browser console").isEmpty();
    }

    /**
     * For a test's end: prints what the browser logged since the last look, each line headed by
     * {@code testName}, closes the browser, and fails if any of it is a script error or a policy
     * violation.
     */
    public void closeCheckingConsole(String testName) {
        List<String> console;
        try {
            console = chromium.console();
        } finally {
            close();
        }
        console.forEach(line -> System.out.println(testName + " console: " + line));
        assertThat(scriptErrors(console)).as("browser console").isEmpty();
    }

    @Override
    public void close() {
        chromium.close();
    }

    private static List<String> scriptErrors(List<String> console) {
        return console.stream().filter(line -> line.contains("Content Security Policy")
                || line.contains("Permissions policy") || line.contains("Uncaught") || line.contains("TypeError")
                || line.contains("ReferenceError") || line.contains("SyntaxError")).toList();
    }
}
