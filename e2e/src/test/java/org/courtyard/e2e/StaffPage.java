package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The staff page in {@link HeadlessChromium}, used as a staff member uses it: log in, open a section. */
final class StaffPage {

    static final Duration WAIT = Duration.ofSeconds(30);

    final HeadlessChromium chromium;
    final WebDriverWait wait;

    StaffPage(HeadlessChromium chromium) {
        this.chromium = chromium;
        this.wait = chromium.waiting(WAIT);
    }

    /** Opens {@code address} and logs in; returns once the page says it is updating live. */
    void login(String address, String username, String password) {
        chromium.driver.get(address);
        wait.until(visibilityOfElementLocated(By.id("login-username"))).sendKeys(username);
        find(By.id("login-password")).sendKeys(password);
        find(By.id("login-button")).click();
        wait.until(visibilityOfElementLocated(By.id("app-view")));
        wait.until(textToBePresentInElementLocated(By.id("live-state"), "实时更新中"));
    }

    /** Clicks the navigation entry {@code name} (such as {@code checkins}) and waits for its section. */
    void section(String name) {
        find(By.cssSelector("[data-nav='" + name + "']")).click();
        wait.until(visibilityOfElementLocated(By.cssSelector("[data-section='" + name + "']")));
    }

    WebElement find(By by) {
        return chromium.driver.findElement(by);
    }

    String text(String id) {
        return find(By.id(id)).getText();
    }

    /** Script errors and policy violations the browser logged; a page in order has none. */
    List<String> scriptErrors() {
        return chromium.console().stream().filter(line -> line.contains("Content Security Policy")
                || line.contains("Permissions policy") || line.contains("Uncaught") || line.contains("TypeError")
                || line.contains("ReferenceError") || line.contains("SyntaxError")).toList();
    }

    void assertNoScriptErrors() {
        assertThat(scriptErrors()).as("browser console").isEmpty();
    }
}
