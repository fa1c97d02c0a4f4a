package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger as a spreadsheet: CSV import all or nothing, errors by line and field, export and back. */
class LedgerTest {

    private static final String BOM = "\uFEFF";

    @TempDir
    Path dir;

    TestHub hub;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        hub.cadre("李建华", "和平村", "13900001111", "2468");
        hub.cadre("王芳", "和平村", "13900002222", "1357");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_good_file_with_a_bom_and_chinese_headings_imports_every_row() {
        String csv = BOM + "姓名,村,组,类型,报平安间隔天数,标签,电话,结对干部,监护人,学校,班级\r\n"
                + "张桂英,和平村,三组,空巢老人,1,五保户、80岁以上,13812345678,李建华,,,\r\n"
                + "李小军,和平村,一组,留守儿童,2,,,\"李建华、王芳\",李奶奶,和平村完小,\"三年级,二班\"\r\n"
                + "\r\n"
                + "陈大爷,和平村,,ELDER,,,,,,,\r\n";

        TestHub.Answer answer = importCsv(csv, hub.adminToken);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("created").asInt()).isEqualTo(3);
        assertThat(answer.json().get("updated").asInt()).isZero();
        JsonNode list = hub.get("/api/v1/residents", hub.adminToken).json();
        assertThat(list).extracting(r -> r.get("name").asText())
                .as("in pinyin order, as the kiosk shows names").containsExactly("陈大爷", "李小军", "张桂英");
        JsonNode zhang = list.get(2);
        assertThat(zhang.get("type").asText()).isEqualTo("ELDER");
        assertThat(zhang.get("group").asText()).isEqualTo("三组");
        assertThat(zhang.get("tags")).extracting(JsonNode::asText).containsExactly("五保户", "80岁以上");
        assertThat(zhang.get("cadres")).extracting(c -> c.get("name").asText()).containsExactly("李建华");
        JsonNode li = list.get(1);
        assertThat(li.get("checkInEveryDays").asInt()).isEqualTo(2);
        assertThat(li.get("schoolClass").asText()).isEqualTo("三年级,二班");
        assertThat(li.get("cadres")).extracting(c -> c.get("name").asText()).containsExactly("李建华", "王芳");
        assertThat(list.get(0).get("checkInEveryDays").isNull()).isTrue();
        assertThat(list.get(0).get("group").isNull()).isTrue();
    }

    @Test
    void a_file_with_bad_rows_imports_nothing_and_names_every_line_and_field() {
        hub.resident("王秀英", "和平村", "ELDER");
        String csv = "name,village,type,checkInEveryDays,phone,cadres\n"
                + "张桂英,和平村,ELDER,1,13812345678,李建华\n"
                + "李小军,和平村,KID,1,,\n"
                + "陈大爷,和平村,ELDER,every day,,\n"
                + "王秀英,和平村,ELDER,1,,\n"
                + "赵奶奶,和平村,ELDER,1,138****5678,\n"
                + "孙大爷,和平村,ELDER,1,,周书记\n";

        TestHub.Answer answer = importCsv(csv, hub.adminToken);

        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = answer.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_csv");
        assertThat(error.get("message").asText()).startsWith("nothing was imported: 5 errors; the first: line 3,"
                + " field 'type'");
        assertThat(error.get("errors")).extracting(e -> e.get("line").asInt() + " " + e.get("field").asText())
                .containsExactly("3 type", "4 checkInEveryDays", "5 name", "6 phone", "7 cadres");
        assertThat(error.get("errors").get(3).get("message").asText()).contains("masked");
        assertThat(error.get("errors").get(4).get("message").asText()).contains("周书记");
        assertThat(hub.get("/api/v1/residents", hub.adminToken).json())
                .extracting(r -> r.get("name").asText()).containsExactly("王秀英");
        assertThat(hub.column("SELECT COUNT(*) FROM pairings")).containsExactly("0");
    }

    @Test
    void a_quoted_field_spanning_lines_moves_the_line_numbers_of_later_errors() {
        String csv = "name,village,type,note\n"
                + "张桂英,和平村,ELDER,\"腿脚不便\n住在村东头\"\n"
                + "李小军,和平村,BOY,\n";

        TestHub.Answer answer = importCsv(csv, hub.adminToken);

        assertThat(answer.json().get("error").get("errors").get(0).get("line").asInt()).isEqualTo(4);
    }

    @Test
    void an_unknown_column_or_a_missing_required_one_is_an_error_of_line_1() {
        TestHub.Answer unknown = importCsv("name,village,type,shoeSize\n张桂英,和平村,ELDER,40\n", hub.adminToken);
        TestHub.Answer missing = importCsv("name,type\n张桂英,ELDER\n", hub.adminToken);

        assertThat(unknown.json().get("error").get("errors").get(0).get("line").asInt()).isEqualTo(1);
        assertThat(unknown.json().get("error").get("errors").get(0).get("field").asText()).isEqualTo("shoeSize");
        assertThat(missing.json().get("error").get("errors").get(0).get("field").asText()).isEqualTo("village");
        assertThat(hub.column("SELECT COUNT(*) FROM residents")).containsExactly("0");
    }

    @Test
    void a_file_that_is_not_utf8_is_refused_with_how_to_save_it() {
        byte[] gbk = "name,village,type\n张桂英,和平村,ELDER\n".getBytes(Charset.forName("GBK"));

        TestHub.Answer answer = hub.postRaw("/api/v1/residents.csv", hub.adminToken, "text/csv", gbk);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").get("message").asText()).contains("UTF-8");
    }

    @Test
    void the_export_imports_back_as_updates_that_keep_everything() throws Exception {
        String zhang = hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "张桂英", "village", "和平村",
                "type", "ELDER", "checkInEveryDays", 1, "phone", "13812345678", "tags", List.of("五保户"),
                "note", "=HYPERLINK(\"x\")", "birthDate", "1946-08-01", "childrenAway", "ALL", "group", "三组"))
                .json().get("id").asText();
        hub.post("/api/v1/residents", hub.adminToken, ResidentsTest.childBody());
        String before = hub.get("/api/v1/residents/" + zhang, hub.adminToken).body();

        HttpResponse<byte[]> export = exportCsv(hub.adminToken, "和平村");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String text = new String(export.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith(BOM + "id,village,group,name,type,tags,checkInEveryDays,birthDate,phone,address,"
                + "guardian,guardianPhone,parentsAway,parentsWorkplace,parentsPhone,school,schoolClass,headTeacher,"
                + "childrenAway,cadres,note,active\r\n");
        assertThat(text).contains("13812345678", "'=HYPERLINK");

        TestHub.Answer reimport = hub.postRaw("/api/v1/residents.csv", hub.adminToken, "text/csv", export.body());

        assertThat(reimport.status()).as(reimport.body()).isEqualTo(200);
        assertThat(reimport.json().get("created").asInt()).isZero();
        assertThat(reimport.json().get("updated").asInt()).isEqualTo(2);
        JsonNode after = hub.get("/api/v1/residents/" + zhang, hub.adminToken).json();
        JsonNode was = hub.json(before);
        for (String field : List.of("name", "group", "phone", "tags", "note", "checkInEveryDays", "cadres", "birthDate",
                "childrenAway")) {
            assertThat(after.get(field)).as(field).isEqualTo(was.get(field));
        }
    }

    @Test
    void a_ledger_of_many_pages_exports_every_resident_once_in_the_ledgers_order_and_imports_back() throws Exception {
        // More than two of the export's pages (500), across villages, with names that sort together.
        StringBuilder csv = new StringBuilder("name,village,type,active\n");
        for (int i = 0; i < 1201; i++) {
            csv.append(i % 3 == 0 ? "王" : "张").append(i).append(',').append(i % 2 == 0 ? "大村" : "和平村")
                    .append(",ELDER,").append(i % 5 == 0 ? "false" : "true").append('\n');
        }
        TestHub.Answer imported = importCsv(csv.toString(), hub.adminToken);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        HttpResponse<byte[]> export = exportCsv(hub.adminToken, null);

        assertThat(export.statusCode()).isEqualTo(200);
        String[] lines = new String(export.body(), StandardCharsets.UTF_8).split("\r\n");
        List<String> exported = java.util.Arrays.stream(lines).skip(1).map(line -> line.substring(0, line.indexOf(',')))
                .toList();
        List<String> listed = new java.util.ArrayList<>();
        for (String path = "/api/v1/residents?includeInactive=true&limit=200"; path != null; ) {
            TestHub.Answer page = hub.get(path, hub.adminToken);
            page.json().forEach(resident -> listed.add(resident.get("id").asText()));
            path = page.next().orElse(null);
        }
        assertThat(exported).hasSize(1201).doesNotHaveDuplicates().containsExactlyElementsOf(listed);

        TestHub.Answer reimport = hub.postRaw("/api/v1/residents.csv", hub.adminToken, "text/csv", export.body());
        assertThat(reimport.status()).as(reimport.body()).isEqualTo(200);
        assertThat(reimport.json().get("created").asInt()).isZero();
        assertThat(reimport.json().get("updated").asInt()).isEqualTo(1201);
    }

    @Test
    void a_row_with_an_id_updates_only_the_columns_the_file_has() {
        String id = hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "张桂英", "village", "和平村",
                "type", "ELDER", "phone", "13812345678")).json().get("id").asText();

        TestHub.Answer answer = importCsv("id,name,village,type,checkInEveryDays\n" + id + ",张桂英,和平村,ELDER,3\n",
                hub.adminToken);

        assertThat(answer.json().get("updated").asInt()).isEqualTo(1);
        JsonNode after = hub.get("/api/v1/residents/" + id, hub.adminToken).json();
        assertThat(after.get("checkInEveryDays").asInt()).isEqualTo(3);
        assertThat(after.get("phone").asText()).isEqualTo("13812345678");
    }

    @Test
    void a_cadre_imports_and_exports_only_their_own_village() throws Exception {
        String cadre = hub.user("lixia", "CADRE", "和平村");
        hub.resident("赵大爷", "大村", "ELDER");

        TestHub.Answer other = importCsv("name,village,type\n孙大爷,大村,ELDER\n", cadre);
        TestHub.Answer own = importCsv("name,village,type\n孙大爷,和平村,ELDER\n", cadre);

        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("error").get("errors").get(0).get("field").asText()).isEqualTo("village");
        assertThat(own.status()).isEqualTo(200);
        String export = new String(exportCsv(cadre, null).body(), StandardCharsets.UTF_8);
        assertThat(export).contains("孙大爷").doesNotContain("赵大爷");
    }

    @Test
    void docs_checkins_md_shows_the_header_and_every_column_the_import_reads() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of(System.getProperty("basedir", "."))
                .resolve("../docs/checkins.md"), StandardCharsets.UTF_8);

        assertThat(doc).contains("```\n" + org.courtyard.hub.residents.Ledger.HEADER + "\n```");
        for (org.courtyard.hub.residents.Ledger.Column column : org.courtyard.hub.residents.Ledger.Column.values()) {
            assertThat(doc).contains("| `" + column.key() + "` | " + column.chinese() + " |");
        }
    }

    private TestHub.Answer importCsv(String csv, String token) {
        return hub.postRaw("/api/v1/residents.csv", token, "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> exportCsv(String token, String village) throws Exception {
        String query = village == null ? "" : "?village=" + java.net.URLEncoder.encode(village, StandardCharsets.UTF_8);
        return hub.http.send(java.net.http.HttpRequest.newBuilder(hub.uri("/api/v1/residents.csv" + query))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
