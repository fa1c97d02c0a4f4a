package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.courtyard.hub.testing.StaffPage;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 17's "done when", in {@code ./courtyard demo}: a staff member opens 「2027年上半年」 on the
 * staff page; 李建华, the village cadre, signs in and in the 核实 section confirms 张桂英, changes
 * 李小军's school and marks 赵小雨 as left because her parents returned; the board shows three
 * reviewed and the ledger has changed. Then the demo kiosk has a help request (its button) and a
 * check-in, a cadre's visit is recorded, and the month's report on the staff page and in its
 * spreadsheet, titled for the demo's township (和平乡, from the demo hub's settings), counts exactly
 * the requests, visits and check-ins the hub lists.
 */
class DemoSurveyIT {

    private static final Duration SOON = Duration.ofSeconds(30);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The survey's cadre login (not the phone page's, which the demo makes for itself). */
    private static final String CADRE = "heping-survey";

    @TempDir
    Path dir;

    @TempDir
    Path profile;

    @Test
    void a_round_is_opened_a_cadre_reviews_three_people_and_the_month_s_report_counts_the_demo() throws Exception {
        Path data = dir.resolve("data");
        try (Demo demo = Demo.start(data); StaffPage page = new StaffPage(profile, SOON)) {
            HubApi admin = new HubApi(demo.page).login("admin", demo.adminPassword);
            Map<String, String> people = residents(admin);
            // A login of role CADRE for 李建华, made by the administrator.
            ObjectNode cadre = ProtocolJson.mapper().createObjectNode().put("username", CADRE)
                    .put("password", "cadre-password-1").put("role", "CADRE").put("village", "和平村")
                    .put("displayName", "李建华");
            admin.call("POST", "/api/v1/users", cadre, 201);

            // The staff member opens the round.
            page.login(demo.page("/"), demo.staffUsername, demo.staffPassword);
            page.section("survey");
            page.wait.until(elementToBeClickable(By.id("survey-new"))).click();
            page.find(By.id("survey-open-name")).clear();
            page.find(By.id("survey-open-name")).sendKeys("2027年上半年");
            page.find(By.id("survey-open-save")).click();
            page.wait.until(textToBePresentInElementLocated(By.id("survey-notice"), "已开启“2027年上半年”：共 5 人待核实"));
            page.find(By.id("logout-button")).click();

            // The cadre reviews three people of 和平村.
            page.login(demo.page("/"), CADRE, "cadre-password-1");
            page.section("survey");
            page.wait.until(numberOfElementsToBe(By.cssSelector("#survey-people-rows tr"), 5));
            review(page, people.get("张桂英"), "CONFIRMED");
            page.find(By.id("survey-review-save")).click();
            page.wait.until(textToBePresentInElementLocated(By.id("survey-notice"), "已核实 张桂英：核实无误"));
            review(page, people.get("李小军"), "CHANGED");
            page.find(By.id("survey-f-school")).clear();
            page.find(By.id("survey-f-school")).sendKeys("镇中心小学");
            page.find(By.id("survey-review-save")).click();
            page.wait.until(textToBePresentInElementLocated(By.id("survey-notice"), "已核实 李小军：信息有变"));
            review(page, people.get("赵小雨"), "LEFT");
            new Select(page.find(By.id("survey-left-reason"))).selectByValue("PARENTS_RETURNED");
            page.find(By.id("survey-review-save")).click();
            page.wait.until(textToBePresentInElementLocated(By.id("survey-notice"), "已核实 赵小雨：退出"));

            // The board shows three reviewed, and the ledger changed.
            By village = By.cssSelector("#survey-villages tr[data-village='和平村']");
            page.wait.until(textToBePresentInElementLocated(village, "60%"));
            assertThat(page.find(village).getText()).contains("5 3 1 1 1 0 0");
            assertThat(page.text("survey-totals")).contains("3\n已核实");
            page.chromium.screenshot("demo-survey-board");
            assertThat(admin.call("GET", "/api/v1/residents/" + people.get("李小军"), null, 200).get("school").asText())
                    .isEqualTo("镇中心小学");
            JsonNode left = admin.call("GET", "/api/v1/residents/" + people.get("赵小雨"), null, 200);
            assertThat(left.get("active").asBoolean()).isFalse();
            assertThat(left.get("leftReason").asText()).isEqualTo("PARENTS_RETURNED");
            page.find(By.id("logout-button")).click();

            // At the courtyard: the help button, a check-in, and the cadre's visit.
            demo.console.type("press");
            await().atMost(SOON).untilAsserted(() -> assertThat(demo.console.status()).contains("help=DELIVERED"));
            demo.console.type("checkin 张桂英");
            demo.console.awaitLine(line -> line.equals("checked in 张桂英 " + people.get("张桂英")), SOON);
            await().atMost(SOON).until(() -> checkInsThisMonth(admin, people.get("张桂英")) == 1);
            visit(demo, data, people.get("张桂英"));

            // The month's report, as the hub's records give it.
            LocalDate today = LocalDate.now(ZONE);
            LocalDate first = today.withDayOfMonth(1);
            int helpRequests = 0;
            for (JsonNode request : admin.helpRequests()) {
                helpRequests += inMonth(request.get("occurredAt").asText(), first) ? 1 : 0;
            }
            int checkIns = 0;
            for (String residentId : people.values()) {
                checkIns += checkInsThisMonth(admin, residentId);
            }
            int visits = admin.call("GET", "/api/v1/visits?month=" + YearMonth.from(today), null, 200).size();
            assertThat(helpRequests).as("the demo's press").isEqualTo(1);
            assertThat(visits).as("李建华's visit").isEqualTo(1);

            page.login(demo.page("/"), demo.staffUsername, demo.staffPassword);
            page.section("reports");
            page.wait.until(visibilityOfElementLocated(By.cssSelector("#reports-body .report-cards")));
            assertThat(page.find(By.id("reports-from")).getAttribute("value")).isEqualTo(first.toString());
            String title = "和平乡关爱工作报告（" + first.getYear() + "年" + first.getMonthValue() + "月1日至"
                    + today.getYear() + "年" + today.getMonthValue() + "月" + today.getDayOfMonth() + "日）";
            assertThat(page.text("reports-body")).as("titled for the demo's township and the month").contains(title);
            assertThat(page.text("reports-body")).contains("走访\n" + visits + "\n人次", "求助\n" + helpRequests + "\n件",
                    "报平安 " + checkIns + " 次");
            page.chromium.screenshot("demo-report");

            JsonNode report = admin.call("GET", "/api/v1/reports?from=" + first + "&to=" + today, null, 200);
            assertThat(report.get("title").asText()).isEqualTo(title);
            assertThat(report.at("/helpRequests/total").asInt()).isEqualTo(helpRequests);
            assertThat(report.at("/helpRequests/bySource/BUTTON").asInt()).isEqualTo(helpRequests);
            assertThat(report.at("/visits/personTimes").asInt()).isEqualTo(visits);
            assertThat(report.at("/checkIns/checkIns").asInt()).isEqualTo(checkIns);
            assertThat(report.at("/people/total").asInt()).as("赵小雨 was cared for this month too").isEqualTo(5);

            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx(admin, first, today)))) {
                assertThat(workbook.getSheet("概况").getRow(0).getCell(0).getStringCellValue()).isEqualTo(title);
                assertThat(number(workbook.getSheet("求助"), "求助（件）")).isEqualTo(helpRequests);
                assertThat(number(workbook.getSheet("走访"), "走访（人次）")).isEqualTo(visits);
                assertThat(number(workbook.getSheet("报平安"), "报平安（次）")).isEqualTo(checkIns);
            }
            page.assertNoScriptErrors();
        }
    }

    private static void review(StaffPage page, String residentId, String outcome) {
        page.wait.until(elementToBeClickable(By.cssSelector("#survey-people-rows tr[data-resident='" + residentId
                + "'] [data-action='review']"))).click();
        page.wait.until(textToBePresentInElementLocated(By.id("survey-review-title"), "核实："));
        page.find(By.cssSelector("[name='survey-outcome'][value='" + outcome + "']")).click();
    }

    /** The village's residents by name, as the ledger lists them. */
    private static Map<String, String> residents(HubApi admin) throws Exception {
        Map<String, String> byName = new LinkedHashMap<>();
        admin.call("GET", "/api/v1/residents?village=%E5%92%8C%E5%B9%B3%E6%9D%91", null, 200)
                .forEach(resident -> byName.put(resident.get("name").asText(), resident.get("id").asText()));
        return byName;
    }

    /**
     * 李建华's visit to {@code residentId}, checked in at the demo kiosk's cadre mode: the kiosk
     * reports it as VISIT_CHECKED_IN with its own token, as its sync does.
     */
    private static void visit(Demo demo, Path data, String residentId) throws Exception {
        Properties seed = new Properties();
        try (Reader reader = Files.newBufferedReader(data.resolve("demo.properties"), StandardCharsets.UTF_8)) {
            seed.load(reader);
        }
        ObjectNode event = ProtocolJson.mapper().createObjectNode().put("id", UUID.randomUUID().toString())
                .put("type", "VISIT_CHECKED_IN").put("occurredAt", Instant.now().toString()).put("clockTrusted", true);
        event.putObject("payload").put("cadre", "李建华").put("residentId", residentId).put("note", "身体良好");
        ObjectNode sync = ProtocolJson.mapper().createObjectNode().put("protocol", 1).put("kioskId", demo.kioskId)
                .putNull("cursor");
        sync.putArray("events").add(event);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                demo.page.resolve("/api/v1/sync")).header("Authorization", "Bearer " + seed.getProperty("kiosk.token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProtocolJson.write(sync), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(ProtocolJson.mapper().readTree(answer.body()).get("accepted")).hasSize(1);
    }

    private static boolean inMonth(String instant, LocalDate first) {
        LocalDate day = LocalDate.ofInstant(Instant.parse(instant), ZONE);
        return !day.isBefore(first);
    }

    /** The check-ins of {@code residentId} the hub holds for this month. */
    private static int checkInsThisMonth(HubApi api, String residentId) throws Exception {
        LocalDate first = LocalDate.now(ZONE).withDayOfMonth(1);
        int count = 0;
        for (JsonNode checkIn : api.call("GET", "/api/v1/residents/" + residentId + "/check-ins", null, 200)) {
            count += inMonth(checkIn.get("at").asText(), first) ? 1 : 0;
        }
        return count;
    }

    private static byte[] xlsx(HubApi api, LocalDate from, LocalDate to) throws Exception {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.base().resolve(
                "/api/v1/reports.xlsx?from=" + from + "&to=" + to)).header("Authorization", "Bearer " + api.token())
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static double number(Sheet sheet, String label) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(label)) {
                assertThat(row.getCell(1).getCellType()).as(label).isEqualTo(CellType.NUMERIC);
                return row.getCell(1).getNumericCellValue();
            }
        }
        throw new AssertionError("sheet " + sheet.getSheetName() + " has no row '" + label + "'");
    }
}
