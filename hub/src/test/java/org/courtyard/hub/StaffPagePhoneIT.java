package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The staff page on a phone, 390x844 as an iPhone 12 to 15 shows it, and on the office PC, with
 * every section filled in: nothing wider than the screen (scrolling or clipped) in any section or
 * any opened detail, the navigation a menu, tables as cards, every control at least 44 px high.
 * Screenshots of every section at both sizes go to target/screenshots (staff-phone-*.png,
 * staff-desktop-*.png), for people to look at; the fleet is larger than a page of 设备状态.
 */
class StaffPagePhoneIT extends StaffPageHarness {

    private static final String VILLAGE = "和平村";

    private TestHub.Kiosk kiosk;
    private UUID request;

    StaffPagePhoneIT() {
        super(Duration.ofSeconds(15));
    }

    @BeforeEach
    void start() {
        hub = new TestHub(dir, config -> config.overdueCheckEvery(Duration.ofHours(1)));
        kiosk = hub.kiosk("和平村幸福小院活动室", VILLAGE);
        hub.kiosk("大寨村幸福小院", "大寨村");
        // A fleet larger than the 设备状态 page (100): its screenshots show the counts and 更多.
        for (int i = 1; i <= 130; i++) {
            TestHub.Kiosk more = hub.kiosk(String.format("%s%02d号点", i % 3 == 0 ? "石头寨" : "下坝", i),
                    i % 3 == 0 ? "石头寨村" : "下坝村");
            if (i % 4 != 0) {
                hub.sync(more, null, TestHub.heartbeat());
            }
        }
        hub.addUser("wangfang", "STAFF", null, "王芳");
        String cadre = hub.cadre("李建华", VILLAGE, "13900001111", "2468");
        for (String name : List.of("张桂英", "王德福", "欧阳秀英", "陈秀兰")) {
            hub.send("PATCH", "/api/v1/residents/" + hub.resident(name, VILLAGE, "ELDER"), hub.adminToken,
                    Map.of("group", name.equals("王德福") ? "十二组" : "三组"));
        }
        String child = hub.resident("李小军", VILLAGE, "CHILD");
        request = UUID.randomUUID();
        String cursor = hub.sync(kiosk, null, TestHub.helpRequested(request, TestHub.START),
                TestHub.event(UUID.randomUUID(), "HEARTBEAT", TestHub.START, true, Map.of("version", "0.1.0",
                        "uptimeSeconds", 60, "outbox", 2, "voice",
                        "off: no voice model given (--voice-model); voice memos are still recorded",
                        "speaker", "failed: last play failed: line unavailable")),
                TestHub.checkedIn(child)).json().get("cursor").asText();
        hub.sync(kiosk, cursor, TestHub.helpRequested(UUID.randomUUID(), TestHub.START.plusSeconds(60)));
        hub.post("/api/v1/announcements", hub.adminToken, Map.of("title", "关于做好冬春季节森林草原防灭火工作的通知",
                "text", "请各位村民检查家中电线和火塘，不要在屋里堆放柴草。", "priority", "NORMAL", "outdoor", true,
                "targets", Map.of("all", true)));
        assertThat(cadre).isNotBlank();
    }

    @Test
    void every_section_fits_a_390_px_phone_without_sideways_scrolling_and_with_44_px_controls() throws Exception {
        phone();
        login("admin", TestHub.ADMIN_PASSWORD);
        page.awaitLive();

        List<String> problems = new ArrayList<>();
        List<String> sections = sections();
        assertThat(sections).contains("help", "checkins", "announcements", "residents", "cadres", "kiosks", "audit");
        for (String section : sections) {
            // Through the menu, as on a phone.
            WebElement menu = page.find(By.cssSelector(".nav-toggle"));
            assertThat(menu.isDisplayed()).as("the menu button").isTrue();
            menu.click();
            page.find(By.cssSelector("[data-nav='" + section + "']")).click();
            wait.until(visibilityOfElementLocated(By.cssSelector("[data-section='" + section + "']")));
            settle();
            problems.addAll(check(section));
            chromium.screenshot("staff-phone-" + section);
            // The first item's detail, as its own view with 返回列表.
            List<WebElement> rows = visible("[data-section='" + section + "'] .pick-table tbody tr[data-id]");
            if (!rows.isEmpty()) {
                rows.get(0).click();
                WebElement back = wait.until(visibilityOfElementLocated(
                        By.cssSelector("[data-section='" + section + "'] .detail-back")));
                settle();
                assertThat(visible("[data-section='" + section + "'] .list-pane")).as("%s list beside its detail", section)
                        .isEmpty();
                problems.addAll(check(section + " detail"));
                chromium.screenshot("staff-phone-" + section + "-detail");
                back.click();
                wait.until(visibilityOfElementLocated(By.cssSelector("[data-section='" + section + "'] .pick-table")));
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void tables_are_cards_whose_cells_say_their_column_and_a_tap_acknowledges_a_request() throws Exception {
        phone();
        login("wangfang", "password-wangfang");
        page.awaitLive();

        WebElement card = wait.until(visibilityOfElementLocated(By.cssSelector("#help-rows tr[data-id='" + request + "']")));
        assertThat(card.findElements(By.cssSelector("td")).stream().map(td -> td.getAttribute("data-label")).toList())
                .contains("时间", "村", "设备", "状态");
        assertThat(chromium.driver.executeScript("return getComputedStyle(arguments[0]).display;", card)).isEqualTo("block");

        card.findElement(By.cssSelector("button[data-acknowledge]")).click();

        wait.until(driver -> hub.get("/api/v1/help-requests/" + request, hub.adminToken).json().path("status").asText()
                .equals("ACKNOWLEDGED"));
        assertThat(hub.get("/api/v1/help-requests/" + request, hub.adminToken).json().path("acknowledgedBy").asText())
                .isEqualTo("王芳");
        // The list is drawn again with the news: find the card anew.
        wait.until(textToBePresentInElementLocated(By.cssSelector("#help-rows tr[data-id='" + request + "']"), "已确认"));
        chromium.screenshot("staff-phone-help-acknowledged");
    }

    @Test
    void every_section_on_the_office_pc() throws Exception {
        login("admin", TestHub.ADMIN_PASSWORD);
        page.awaitLive();
        assertThat(page.find(By.cssSelector(".nav-toggle")).isDisplayed()).as("the menu button on a PC").isFalse();
        for (String section : sections()) {
            page.section(section);
            settle();
            // A mouse needs no 44 px targets: only the width counts here.
            assertThat(tooWide(section)).isEmpty();
            chromium.screenshot("staff-desktop-" + section);
        }
    }

    /** A 390x844 phone: the page's viewport, touch, and the width the page lays out for. */
    private void phone() {
        chromium.devTools("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
        chromium.devTools("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    }

    /** The sections the logged-in user has in the navigation. */
    private List<String> sections() {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) chromium.driver.executeScript(
                "return [...document.querySelectorAll('.nav a[data-nav]')].filter(a => !a.hidden)"
                        + ".map(a => a.dataset.nav);");
        return names;
    }

    /** Waits until every request the page made has been answered and the layout is done. */
    private void settle() {
        wait.until(driver -> Boolean.TRUE.equals(chromium.driver.executeScript(
                "return document.readyState === 'complete' && !document.querySelector('[aria-busy=\"true\"]');")));
        chromium.driver.executeScript("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));");
    }

    /** What is wrong with the page on a phone: {@link #tooWide} and {@link #tooSmall}. */
    private List<String> check(String where) {
        List<String> out = new ArrayList<>(tooWide(where));
        out.addAll(tooSmall(where));
        return out;
    }

    /**
     * A page wider than the window, or anything sticking out of it even where an overflow rule
     * clips it rather than letting the page scroll sideways.
     */
    @SuppressWarnings("unchecked")
    private List<String> tooWide(String where) {
        Map<String, Object> widths = (Map<String, Object>) chromium.driver.executeScript(
                "return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth};");
        long scroll = ((Number) widths.get("scroll")).longValue();
        long inner = ((Number) widths.get("inner")).longValue();
        List<String> wide = (List<String>) chromium.driver.executeScript(
                "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
                        + " > window.innerWidth + 0.5 && e.getClientRects().length > 0"
                        + " && getComputedStyle(e).visibility !== 'hidden'"
                        // A table's head is clipped to nothing on a phone (each card cell names its column).
                        + " && !e.closest('.table thead')).slice(0, 8)"
                        + ".map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' '"
                        + " + Math.round(e.getBoundingClientRect().right));");
        return scroll > inner || !wide.isEmpty()
                ? List.of(where + ": the page is " + scroll + " px wide in a " + inner + " px window; beyond its edge: "
                        + wide)
                : List.of();
    }

    /** Visible controls lower than 44 px (check boxes and radio buttons count by their label). */
    @SuppressWarnings("unchecked")
    private List<String> tooSmall(String where) {
        List<String> small = (List<String>) chromium.driver.executeScript(
                "return [...document.querySelectorAll('button, .button, select, input, textarea, .row-open,"
                        + " .person-link, .nav a, .nav-toggle')]"
                        + ".filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')"
                        + ".filter(e => !(e.type === 'checkbox' || e.type === 'radio' || e.type === 'hidden'))"
                        + ".filter(e => e.getBoundingClientRect().height < 43.5)"
                        + ".map(e => e.tagName + (e.id ? '#' + e.id : '') + ' \"' + (e.textContent || e.value || '')"
                        + ".trim().slice(0, 20) + '\" ' + Math.round(e.getBoundingClientRect().height) + ' px');");
        return small.stream().map(control -> where + ": " + control).toList();
    }

    private List<WebElement> visible(String css) {
        return chromium.driver.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).toList();
    }
}
