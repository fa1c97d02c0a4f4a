package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.courtyard.hub.api.help.HelpFeature;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports against a month of seeded facts. The test keeps its own record of every fact it
 * seeds (people, check-ins, visits, help requests, announcements) the way a kiosk or a staff member
 * made them, computes every figure from that record by the definitions of docs/reports.md, and
 * compares with what the hub answers as JSON and as a spreadsheet. The month is seeded once; the
 * tests only read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate FROM = LocalDate.of(2026, 12, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);
    /** The day the report is asked for: days before it are over, and count for check-ins. */
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 10);
    private static final List<String> ILLNESS = List.of("患病", "高血压", "糖尿病", "心脏病", "慢性病");

    TestHub hub;
    TestHub.Kiosk heping;
    TestHub.Kiosk tuanjie;
    String staff;
    String cadre;

    /** What the test seeded, by its own account. */
    final Map<String, Person> people = new LinkedHashMap<>();
    final List<Fact> checkIns = new ArrayList<>();
    final List<Fact> visits = new ArrayList<>();
    final List<Help> helps = new ArrayList<>();
    final List<Notice> notices = new ArrayList<>();
    /** The visits recorded from a phone, with what they found and brought (also in {@link #visits}). */
    final List<Recorded> recorded = new ArrayList<>();

    record Person(String id, String name, String village, boolean elder, LocalDate born, Integer every,
            List<String> tags, int cadres, Set<String> cadreIds, Instant created, Instant[] left) {
    }

    record Fact(String residentId, String village, Instant at) {
    }

    record Help(String village, String source, String category, Instant at, Long acknowledgeSeconds, String status,
            boolean overdue) {
    }

    /** A phone's visit: the problems it found (each solved or not) and the items it brought. */
    record Recorded(Fact visit, List<Boolean> problems, List<String> items) {
    }

    record Notice(Set<String> villages, boolean all, boolean emergency, Instant at, boolean[] withdrawn,
            Set<String> playedBy) {
    }

    @BeforeAll
    void seed(@TempDir Path dir) {
        // Sessions that outlast the seed's two weeks.
        hub = new TestHub(dir, config -> config.sessionLifetime(Duration.ofDays(30)));
        staff = hub.user("staff1", "STAFF", null);
        cadre = hub.user("lijianhua", "CADRE", "和平村");
        heping = hub.kiosk("和平村幸福小院", "和平村");
        tuanjie = hub.kiosk("团结村幸福小院", "团结村");
        String li = hub.cadre("李建华", "和平村", "13900001111", "2468");
        String wang = hub.cadre("王芳", "和平村", "13900002222", "1357");
        String zhao = hub.cadre("赵明", "团结村", "13900003333", "8642");

        // November 29 (the test hub's start): the ledger and an announcement of last month.
        person("张桂英", "和平村", true, LocalDate.of(1940, 5, 1), 1, List.of("五保户", "高血压"), li, wang);
        person("王德福", "和平村", true, LocalDate.of(1960, 3, 1), 2, List.of("独居"), li);
        person("李小军", "和平村", false, LocalDate.of(2017, 4, 1), 1, List.of());
        person("陈秀兰", "和平村", true, LocalDate.of(1944, 1, 1), 1, List.of());
        person("周大娘", "团结村", true, LocalDate.of(1950, 9, 9), 1, List.of("患病"));
        notice(List.of(), false);

        at(LocalDate.of(2026, 11, 30), 12, 0);
        help(heping, "BUTTON", null, null, null);
        visit("张桂英", LocalDate.of(2026, 11, 30));
        checkIn("张桂英", LocalDate.of(2026, 11, 30));
        // Last month's phone visit: its problem and items are not December's.
        visitFromPhone("王德福", li, LocalDate.of(2026, 11, 30), List.of("米", "油"), true);

        at(LocalDate.of(2026, 12, 2), 10, 0);
        help(heping, "BUTTON", "MEDICAL", Duration.ofMinutes(3), "RESOLVED");
        at(LocalDate.of(2026, 12, 4), 10, 0);
        help(heping, "SCREEN", null, null, "CANCELLED");

        // 陈秀兰 checked in twice, then leaves the ledger on December 5.
        at(LocalDate.of(2026, 12, 5), 10, 0);
        checkIn("陈秀兰", LocalDate.of(2026, 12, 1));
        checkIn("陈秀兰", LocalDate.of(2026, 12, 2));
        leave("陈秀兰");

        at(LocalDate.of(2026, 12, 6), 10, 0);
        help(heping, "VOICE", "EMERGENCY", Duration.ofMinutes(4), "ASSIGNED");
        at(LocalDate.of(2026, 12, 7), 10, 0);
        help(tuanjie, "BUTTON", "DAILY", null, "OVERDUE");

        // December 10: the kiosks that were offline send what they kept, with its own times.
        at(TODAY, 10, 0);
        for (int day = 1; day <= 8; day++) {
            checkIn("张桂英", LocalDate.of(2026, 12, day));
        }
        checkIn("张桂英", LocalDate.of(2026, 12, 3));
        checkIn("张桂英", TODAY);
        checkIn("王德福", LocalDate.of(2026, 12, 2));
        checkIn("王德福", LocalDate.of(2026, 12, 6));
        checkIn("李小军", LocalDate.of(2026, 12, 1));
        checkIn("李小军", LocalDate.of(2026, 12, 3));
        checkIn("周大娘", LocalDate.of(2026, 12, 9));
        visit("张桂英", LocalDate.of(2026, 12, 2));
        visit("张桂英", LocalDate.of(2026, 12, 5));
        visit("李小军", LocalDate.of(2026, 12, 3));
        visit("周大娘", LocalDate.of(2026, 12, 4));
        // The cadres' phones: problems found, some solved on the spot, and what they brought.
        visitFromPhone("王德福", li, LocalDate.of(2026, 12, 3), List.of("米", "油", "毛毯"), true, false);
        visitFromPhone("张桂英", wang, LocalDate.of(2026, 12, 6), List.of("米"), false);
        visitFromPhone("李小军", li, LocalDate.of(2026, 12, 8), List.of("书包"));
        visitFromPhone("王德福", wang, LocalDate.of(2026, 12, 9), List.of(), true);
        visitFromPhone("周大娘", zhao, LocalDate.of(2026, 12, 7), List.of("米", "毛毯"), true, true, false);
        person("刘大爷", "和平村", true, null, null, List.of("高龄"));
        Notice all = notice(List.of(), false);
        Notice emergency = notice(List.of("团结村"), true);
        played(heping, all);
        withdraw(emergency);
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    @Test
    void the_township_s_report_has_the_figures_the_seeded_facts_give() {
        JsonNode report = report("");

        assertThat(report.get("from").asText()).isEqualTo(FROM.toString());
        assertThat(report.get("title").asText()).isEqualTo("关爱工作报告（2026年12月1日至2026年12月31日）");
        assertThat(report.get("village").isNull()).isTrue();
        assertFigures(report, null);
    }

    @Test
    void a_village_s_report_counts_only_its_people_and_kiosks() {
        JsonNode report = report("&village=" + java.net.URLEncoder.encode("和平村", java.nio.charset.StandardCharsets.UTF_8));

        assertThat(report.get("village").asText()).isEqualTo("和平村");
        assertFigures(report, "和平村");
    }

    @Test
    void the_spreadsheet_has_a_sheet_a_part_with_the_same_figures_as_numbers() throws Exception {
        JsonNode report = report("");
        HttpResponse<byte[]> xlsx = hub.http.send(HttpRequest.newBuilder(hub.uri("/api/v1/reports.xlsx?from=" + FROM
                + "&to=" + TO)).header("Authorization", "Bearer " + staff).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse(""))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse(""))
                .contains("report-2026-12-01-2026-12-31.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<String> names = new ArrayList<>();
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
            assertThat(names).containsExactly("概况", "关爱对象", "结对帮扶", "走访", "求助", "报平安", "通知广播",
                    "困难问题", "物资发放");
            assertThat(workbook.getSheet("概况").getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo(report.get("title").asText());
            assertThat(number(workbook.getSheet("关爱对象"), "关爱对象（人）")).isEqualTo(report.at("/people/total").asDouble());
            assertThat(number(workbook.getSheet("关爱对象"), "高龄")).isEqualTo(report.at("/people/groups/oldAge").asDouble());
            assertThat(number(workbook.getSheet("结对帮扶"), "结对覆盖率")).isEqualTo(report.at("/pairs/share").asDouble());
            assertThat(number(workbook.getSheet("走访"), "走访（人次）")).isEqualTo(report.at("/visits/personTimes").asDouble());
            assertThat(number(workbook.getSheet("走访"), "2026年12月")).isEqualTo(report.at("/visits/months/0/residents")
                    .asDouble());
            assertThat(number(workbook.getSheet("求助"), "求助（件）")).isEqualTo(report.at("/helpRequests/total").asDouble());
            assertThat(number(workbook.getSheet("求助"), "看病")).isEqualTo(report.at("/helpRequests/byCategory/MEDICAL")
                    .asDouble());
            assertThat(number(workbook.getSheet("求助"), "确认用时中位数（分钟）"))
                    .isEqualTo(report.at("/helpRequests/acknowledge/p50Seconds").asDouble() / 60);
            assertThat(number(workbook.getSheet("报平安"), "报平安率")).isEqualTo(report.at("/checkIns/rate").asDouble());
            assertThat(number(workbook.getSheet("通知广播"), "完整播放（台次）"))
                    .isEqualTo(report.at("/announcements/kiosksPlayed").asDouble());
            assertThat(number(workbook.getSheet("困难问题"), "走访发现困难问题（件）"))
                    .isEqualTo(report.at("/problems/found").asDouble());
            assertThat(number(workbook.getSheet("困难问题"), "化解困难问题（件）"))
                    .isEqualTo(report.at("/problems/solved").asDouble());
            assertThat(number(workbook.getSheet("概况"), "化解困难问题（件）"))
                    .isEqualTo(report.at("/problems/solved").asDouble());
            assertThat(number(workbook.getSheet("物资发放"), "发放物品（件）")).isEqualTo(report.at("/items/given").asDouble());
            assertThat(number(workbook.getSheet("物资发放"), "米")).isEqualTo(report.at("/items/byItem/米").asDouble());
            assertThat(workbook.getSheet("报平安").getRow(labelRow(workbook.getSheet("报平安"), "报平安率")).getCell(1)
                    .getCellStyle().getDataFormatString()).isEqualTo("0.0%");
        }
    }

    @Test
    void bad_periods_and_other_villages_are_refused_naming_the_parameter() {
        assertThat(hub.get("/api/v1/reports?from=2026-12-31&to=2026-12-01", staff).errorMessage()).contains("'to'");
        assertThat(hub.get("/api/v1/reports?to=2026-12-01", staff).errorMessage()).contains("'from'");
        assertThat(hub.get("/api/v1/reports?from=2026-13-01&to=2026-12-01", staff).errorMessage()).contains("from");
        assertThat(hub.get("/api/v1/reports?from=2020-01-01&to=2026-12-01", staff).errorMessage()).contains("731");
        assertThat(hub.get("/api/v1/reports?from=" + FROM + "&to=" + TO, cadre).json().get("village").asText())
                .isEqualTo("和平村");
        assertThat(hub.get("/api/v1/reports?from=" + FROM + "&to=" + TO + "&village=%E5%9B%A2%E7%BB%93%E6%9D%91", cadre)
                .status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/reports?from=" + FROM + "&to=" + TO, null).status()).isEqualTo(401);
    }

    // The figures by the definitions, from the test's own record.

    private void assertFigures(JsonNode report, String village) {
        Instant start = FROM.atStartOfDay(ZONE).toInstant();
        Instant end = TO.plusDays(1).atStartOfDay(ZONE).toInstant();
        List<Person> cared = people.values().stream().filter(p -> village == null || p.village().equals(village))
                .filter(p -> p.created().isBefore(end) && (p.left()[0] == null || !p.left()[0].isBefore(start)))
                .toList();

        JsonNode people = report.get("people");
        assertThat(people.get("total").asInt()).isEqualTo(cared.size());
        assertThat(people.get("elders").asInt()).isEqualTo(count(cared, Person::elder));
        assertThat(people.get("children").asInt()).isEqualTo(count(cared, p -> !p.elder()));
        assertThat(people.get("joined").asInt()).isEqualTo(count(cared, p -> !p.created().isBefore(start)));
        assertThat(people.get("left").asInt()).isEqualTo(count(cared, p -> p.left()[0] != null
                && p.left()[0].isBefore(end)));
        JsonNode groups = people.get("groups");
        assertThat(groups.get("fiveGuarantee").asInt()).isEqualTo(count(cared, p -> p.tags().contains("五保户")));
        assertThat(groups.get("emptyNest").asInt()).isEqualTo(count(cared, Person::elder));
        assertThat(groups.get("leftBehind").asInt()).isEqualTo(count(cared, p -> !p.elder()));
        assertThat(groups.get("ill").asInt()).isEqualTo(count(cared, p -> p.tags().stream().anyMatch(ILLNESS::contains)));
        assertThat(groups.get("oldAge").asInt()).isEqualTo(count(cared, p -> p.elder() && (p.born() == null
                ? p.tags().contains("高龄") || p.tags().contains("80岁以上")
                : Period.between(p.born(), TO).getYears() >= 80)));
        Map<String, Integer> tags = new HashMap<>();
        cared.forEach(p -> p.tags().forEach(tag -> tags.merge(tag, 1, Integer::sum)));
        assertThat(people.get("tags").size()).isEqualTo(tags.size());
        tags.forEach((tag, n) -> assertThat(people.get("tags").get(tag).asInt()).as(tag).isEqualTo(n));

        JsonNode pairs = report.get("pairs");
        int paired = count(cared, p -> p.cadres() > 0);
        assertThat(pairs.get("pairs").asInt()).isEqualTo(cared.stream().mapToInt(Person::cadres).sum());
        assertThat(pairs.get("residentsWithPair").asInt()).isEqualTo(paired);
        assertThat(pairs.get("share").asDouble()).isEqualTo((double) paired / cared.size());
        Set<String> cadres = new HashSet<>();
        cared.forEach(p -> cadres.addAll(p.cadreIds()));
        assertThat(pairs.get("cadres").asInt()).isEqualTo(cadres.size());

        List<Fact> visitsIn = within(visits, village, start, end);
        JsonNode visits = report.get("visits");
        assertThat(visits.get("personTimes").asInt()).isEqualTo(visitsIn.size());
        assertThat(visits.get("residentsVisited").asInt()).isEqualTo(visitsIn.stream().map(Fact::residentId)
                .distinct().count());
        JsonNode december = visits.get("months").get(0);
        assertThat(visits.get("months")).hasSize(1);
        assertThat(december.get("month").asText()).isEqualTo("2026-12");
        assertThat(december.get("residents").asInt()).isEqualTo(cared.size());
        long covered = cared.stream().filter(p -> visitsIn.stream().anyMatch(v -> v.residentId().equals(p.id()))).count();
        assertThat(december.get("visited").asLong()).isEqualTo(covered);
        assertThat(december.get("coverage").asDouble()).isEqualTo((double) covered / cared.size());

        List<Help> helpsIn = helps.stream().filter(h -> village == null || h.village().equals(village))
                .filter(h -> !h.at().isBefore(start) && h.at().isBefore(end)).toList();
        JsonNode help = report.get("helpRequests");
        assertThat(help.get("total").asInt()).isEqualTo(helpsIn.size());
        for (String category : List.of("EMERGENCY", "MEDICAL", "DAILY", "OTHER", "NONE")) {
            assertThat(help.get("byCategory").get(category).asInt()).as(category).isEqualTo(count(helpsIn,
                    h -> category.equals(h.category() == null ? "NONE" : h.category())));
        }
        for (String source : List.of("BUTTON", "SCREEN", "VOICE")) {
            assertThat(help.get("bySource").get(source).asInt()).as(source)
                    .isEqualTo(count(helpsIn, h -> h.source().equals(source)));
        }
        assertThat(help.get("resolved").asInt()).isEqualTo(count(helpsIn, h -> h.status().equals("RESOLVED")));
        assertThat(help.get("cancelled").asInt()).isEqualTo(count(helpsIn, h -> h.status().equals("CANCELLED")));
        assertThat(help.get("open").asInt()).isEqualTo(count(helpsIn, h -> !h.status().equals("RESOLVED")
                && !h.status().equals("CANCELLED")));
        assertThat(help.get("overdue").asInt()).isEqualTo(count(helpsIn, Help::overdue));
        List<Long> acknowledged = helpsIn.stream().map(Help::acknowledgeSeconds).filter(s -> s != null).sorted()
                .toList();
        JsonNode acknowledge = help.get("acknowledge");
        assertThat(acknowledge.get("measured").asInt()).isEqualTo(acknowledged.size());
        if (acknowledged.isEmpty()) {
            assertThat(acknowledge.get("p50Seconds").isNull()).isTrue();
        } else {
            assertThat(acknowledge.get("p50Seconds").asLong()).isEqualTo(nearestRank(acknowledged, 50));
            assertThat(acknowledge.get("p90Seconds").asLong()).isEqualTo(nearestRank(acknowledged, 90));
        }

        JsonNode checkIns = report.get("checkIns");
        assertThat(checkIns.get("checkIns").asInt()).isEqualTo(within(this.checkIns, village, start, end).size());
        LocalDate last = TODAY.minusDays(1);
        long expected = 0;
        long made = 0;
        int expectedPeople = 0;
        for (Person person : cared) {
            if (person.every() == null) {
                continue;
            }
            LocalDate first = max(FROM, LocalDate.ofInstant(person.created(), ZONE));
            LocalDate own = person.left()[0] == null ? last : min(last, LocalDate.ofInstant(person.left()[0], ZONE)
                    .minusDays(1));
            long days = first.isAfter(own) ? 0 : ChronoUnit.DAYS.between(first, own) + 1;
            long mine = days / person.every();
            if (mine == 0) {
                continue;
            }
            Set<LocalDate> checked = new TreeSet<>();
            for (Fact fact : this.checkIns) {
                LocalDate day = LocalDate.ofInstant(fact.at(), ZONE);
                if (fact.residentId().equals(person.id()) && !day.isBefore(first) && !day.isAfter(own)) {
                    checked.add(day);
                }
            }
            expectedPeople++;
            expected += mine;
            made += Math.min(checked.size(), mine);
        }
        assertThat(checkIns.get("residentsExpected").asInt()).isEqualTo(expectedPeople);
        assertThat(checkIns.get("expected").asLong()).isEqualTo(expected);
        assertThat(checkIns.get("made").asLong()).isEqualTo(made);
        assertThat(checkIns.get("rate").asDouble()).isEqualTo((double) made / expected);

        JsonNode announcements = report.get("announcements");
        Map<String, String> kiosks = Map.of(heping.id(), "和平村", tuanjie.id(), "团结村");
        int published = 0;
        int emergencies = 0;
        int withdrawn = 0;
        int targeted = 0;
        int played = 0;
        for (Notice notice : notices) {
            if (notice.at().isBefore(start) || !notice.at().isBefore(end)) {
                continue;
            }
            List<String> reached = kiosks.entrySet().stream().filter(k -> notice.all()
                    || notice.villages().contains(k.getValue())).filter(k -> village == null
                    || k.getValue().equals(village)).map(Map.Entry::getKey).toList();
            if (village != null && reached.isEmpty()) {
                continue;
            }
            published++;
            emergencies += notice.emergency() ? 1 : 0;
            withdrawn += notice.withdrawn()[0] ? 1 : 0;
            targeted += reached.size();
            played += (int) reached.stream().filter(notice.playedBy()::contains).count();
        }
        assertThat(announcements.get("published").asInt()).isEqualTo(published);
        assertThat(announcements.get("emergency").asInt()).isEqualTo(emergencies);
        assertThat(announcements.get("withdrawn").asInt()).isEqualTo(withdrawn);
        assertThat(announcements.get("kiosksTargeted").asInt()).isEqualTo(targeted);
        assertThat(announcements.get("kiosksPlayed").asInt()).isEqualTo(played);
        assertThat(announcements.get("kiosksNotPlayedBySetting").asInt()).as("courtyard kiosks only; see HomeUnitsTest")
                .isZero();
        List<Recorded> recordedIn = recorded.stream().filter(r -> visitsIn.contains(r.visit())).toList();
        JsonNode problems = report.get("problems");
        List<Boolean> found = recordedIn.stream().flatMap(r -> r.problems().stream()).toList();
        int solved = count(found, Boolean::booleanValue);
        assertThat(problems.get("found").asInt()).isEqualTo(found.size());
        assertThat(problems.get("solved").asInt()).isEqualTo(solved);
        assertThat(problems.get("unsolved").asInt()).isEqualTo(found.size() - solved);
        assertThat(problems.get("visitsWithProblems").asInt()).isEqualTo(count(recordedIn, r -> !r.problems().isEmpty()));
        assertThat(problems.get("residents").asLong()).isEqualTo(recordedIn.stream().filter(r -> !r.problems().isEmpty())
                .map(r -> r.visit().residentId()).distinct().count());

        JsonNode items = report.get("items");
        Map<String, Integer> byItem = new HashMap<>();
        recordedIn.forEach(r -> r.items().forEach(item -> byItem.merge(item, 1, Integer::sum)));
        assertThat(items.get("given").asInt()).isEqualTo(byItem.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(items.get("visits").asInt()).isEqualTo(count(recordedIn, r -> !r.items().isEmpty()));
        List<Integer> order = new ArrayList<>();
        items.get("byItem").fields().forEachRemaining(entry -> order.add(entry.getValue().asInt()));
        assertThat(order).as("most given first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(items.get("byItem").size()).isEqualTo(byItem.size());
        byItem.forEach((item, n) -> assertThat(items.get("byItem").get(item).asInt()).as(item).isEqualTo(n));

        // The seed is meant to exercise every figure: none may be trivially zero by accident.
        assertThat(List.of(cared.size(), visitsIn.size(), helpsIn.size(), (int) made, published, found.size(), solved,
                found.size() - solved, byItem.size())).doesNotContain(0);
    }

    // Seeding, as kiosks and staff do it.

    private void at(LocalDate day, int hour, int minute) {
        hub.clock.moveTo(day.atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant());
    }

    private void person(String name, String village, boolean elder, LocalDate born, Integer every, List<String> tags,
            String... cadreIds) {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", name).put("village", village)
                .put("type", elder ? "ELDER" : "CHILD");
        if (born != null) {
            body.put("birthDate", born.toString());
        }
        if (every != null) {
            body.put("checkInEveryDays", every);
        }
        tags.forEach(body.putArray("tags")::add);
        for (String cadre : cadreIds) {
            body.withArray("cadreIds").add(cadre);
        }
        TestHub.Answer created = hub.post("/api/v1/residents", staff, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        people.put(name, new Person(created.json().get("id").asText(), name, village, elder, born, every, tags,
                cadreIds.length, Set.of(cadreIds), hub.clock.instant(), new Instant[1]));
    }

    private void leave(String name) {
        Person person = people.get(name);
        assertThat(hub.send("PATCH", "/api/v1/residents/" + person.id(), staff, Map.of("active", false)).status())
                .isEqualTo(200);
        person.left()[0] = hub.clock.instant();
    }

    private TestHub.Kiosk kioskOf(Person person) {
        return person.village().equals("和平村") ? heping : tuanjie;
    }

    private void checkIn(String name, LocalDate day) {
        Person person = people.get(name);
        Instant at = min(day.atTime(9, 30).atZone(ZONE).toInstant(), hub.clock.instant().minusSeconds(60));
        sync(kioskOf(person), TestHub.checkedIn(person.id(), at, true));
        checkIns.add(new Fact(person.id(), person.village(), at));
    }

    private void visit(String name, LocalDate day) {
        Person person = people.get(name);
        Instant at = min(day.atTime(15, 0).atZone(ZONE).toInstant(), hub.clock.instant().minusSeconds(60));
        sync(kioskOf(person), TestHub.event(UUID.randomUUID(), "VISIT_CHECKED_IN", at, true,
                Map.of("cadre", "李建华", "residentId", person.id(), "note", "身体良好")));
        visits.add(new Fact(person.id(), person.village(), at));
    }

    /** A visit recorded on a cadre's phone at 16:00 of {@code day} (staff sending it on the cadre's behalf). */
    private void visitFromPhone(String name, String cadreId, LocalDate day, List<String> items, Boolean... solved) {
        Person person = people.get(name);
        Instant at = min(day.atTime(16, 0).atZone(ZONE).toInstant(), hub.clock.instant().minusSeconds(60));
        List<Map<String, Object>> problems = new ArrayList<>();
        for (int i = 0; i < solved.length; i++) {
            problems.add(Map.of("text", "困难" + (i + 1), "solved", solved[i]));
        }
        TestHub.Answer answer = hub.post("/api/v1/visits", staff, Map.of("id", UUID.randomUUID().toString(),
                "residentId", person.id(), "at", at.toString(), "cadreId", cadreId, "items", items,
                "problems", problems));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        Fact visit = new Fact(person.id(), person.village(), at);
        visits.add(visit);
        recorded.add(new Recorded(visit, List.of(solved), items));
    }

    /**
     * A help request made a minute ago at {@code kiosk}, then as staff: acknowledged after
     * {@code acknowledgeAfter} and later moved to {@code status}; CANCELLED is the kiosk's cancel;
     * OVERDUE is left NEW past the overdue time and checked.
     */
    private void help(TestHub.Kiosk kiosk, String source, String category, Duration acknowledgeAfter, String status) {
        UUID id = UUID.randomUUID();
        Instant at = hub.clock.instant().minusSeconds(60);
        Map<String, Object> payload = new HashMap<>();
        payload.put("source", source);
        payload.put("category", category);
        sync(kiosk, TestHub.event(id, "HELP_REQUESTED", at, true, payload));
        Long acknowledged = null;
        boolean overdue = false;
        if ("CANCELLED".equals(status)) {
            sync(kiosk, TestHub.helpCancelled(id));
        } else if ("OVERDUE".equals(status)) {
            hub.clock.advance(Duration.ofMinutes(6));
            hub.hub.runCheck(HelpFeature.OVERDUE_CHECK);
            overdue = true;
            status = "NEW";
        } else if (status != null) {
            hub.clock.advance(acknowledgeAfter);
            assertThat(hub.transition(staff, id, "ACKNOWLEDGED", null).status()).isEqualTo(200);
            acknowledged = acknowledgeAfter.toSeconds();
            hub.clock.advance(Duration.ofMinutes(20));
            if (!status.equals("ACKNOWLEDGED")) {
                assertThat(hub.transition(staff, id, status, status.equals("ASSIGNED") ? "李建华" : null).status())
                        .isEqualTo(200);
            }
        }
        helps.add(new Help(kiosk.village(), source, category, at, acknowledged, status == null ? "NEW" : status,
                overdue));
    }

    private Notice notice(List<String> villages, boolean emergency) {
        ObjectNode draft = Announce.draft("通知", villages.isEmpty() ? "{\"all\":true}"
                : ProtocolJson.write(Map.of("villages", villages)));
        draft.put("priority", emergency ? "EMERGENCY" : "NORMAL");
        String id = new Announce(hub).created(staff, draft);
        Notice notice = new Notice(Set.copyOf(villages), villages.isEmpty(), emergency, hub.clock.instant(),
                new boolean[1], new HashSet<>());
        ids.put(notice, id);
        notices.add(notice);
        return notice;
    }

    private final Map<Notice, String> ids = new HashMap<>();

    private void played(TestHub.Kiosk kiosk, Notice notice) {
        Instant started = hub.clock.instant().minusSeconds(120);
        sync(kiosk, Announce.played(ids.get(notice), started, started.plusSeconds(30), "PLAYED", null));
        notice.playedBy().add(kiosk.id());
    }

    private void withdraw(Notice notice) {
        assertThat(hub.post("/api/v1/announcements/" + ids.get(notice) + "/withdraw", staff, Map.of()).status())
                .isEqualTo(200);
        notice.withdrawn()[0] = true;
    }

    private void sync(TestHub.Kiosk kiosk, JsonNode event) {
        TestHub.Answer answer = hub.sync(kiosk, null, event);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("accepted")).as(answer.body()).hasSize(1);
    }

    private JsonNode report(String more) {
        TestHub.Answer answer = hub.get("/api/v1/reports?from=" + FROM + "&to=" + TO + more, staff);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    // Helpers.

    private static List<Fact> within(List<Fact> facts, String village, Instant start, Instant end) {
        return facts.stream().filter(f -> village == null || f.village().equals(village))
                .filter(f -> !f.at().isBefore(start) && f.at().isBefore(end)).toList();
    }

    private static <T> int count(List<T> items, java.util.function.Predicate<T> test) {
        return (int) items.stream().filter(test).count();
    }

    private static long nearestRank(List<Long> sorted, int p) {
        return sorted.get((int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    }

    private static double number(Sheet sheet, String label) {
        Cell cell = sheet.getRow(labelRow(sheet, label)).getCell(1);
        assertThat(cell.getCellType()).as(label + " is a number").isEqualTo(CellType.NUMERIC);
        return cell.getNumericCellValue();
    }

    private static int labelRow(Sheet sheet, String label) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(label)) {
                return row.getRowNum();
            }
        }
        throw new AssertionError("sheet " + sheet.getSheetName() + " has no row '" + label + "'");
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
