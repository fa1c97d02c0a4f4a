package org.courtyard.hub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pairing model through the API: paired people with a level (县/乡/村/组) and a kind (干部/党员),
 * organisations with their level, the villages they are paired with and their members, kept by
 * staff on the page or as a CSV file, read by cadres for their own village.
 */
class OrganisationsTest {

    @TempDir
    Path dir;

    TestHub hub;
    String li;
    String wang;
    String party;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        li = hub.cadre("李建华", "和平村", "13900001111", "2468");
        wang = person("王县长", "和平村", "COUNTY", "CADRE");
        party = person("张党员", "大村", "VILLAGE", "PARTY_MEMBER");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_paired_person_has_a_level_and_a_kind_which_staff_change() {
        JsonNode county = hub.get("/api/v1/cadres/" + wang, hub.adminToken).json();
        assertThat(county.get("level").asText()).isEqualTo("COUNTY");
        assertThat(county.get("kind").asText()).isEqualTo("CADRE");
        assertThat(hub.get("/api/v1/cadres/" + li, hub.adminToken).json().get("level").asText()).isEqualTo("VILLAGE");

        JsonNode changed = hub.send("PATCH", "/api/v1/cadres/" + li, hub.adminToken, Map.of("level", "TOWNSHIP",
                "kind", "PARTY_MEMBER")).json();

        assertThat(changed.get("level").asText()).isEqualTo("TOWNSHIP");
        assertThat(changed.get("kind").asText()).isEqualTo("PARTY_MEMBER");
        assertThat(hub.send("PATCH", "/api/v1/cadres/" + li, hub.adminToken, Map.of("level", "PROVINCE"))
                .errorMessage()).contains("level");
    }

    @Test
    void organisations_are_paired_with_villages_and_a_cadre_reads_those_of_their_village() {
        JsonNode branch = create(Map.of("name", "和平村党支部", "kind", "PARTY_BRANCH", "level", "VILLAGE",
                "village", "和平村", "villages", List.of("和平村"), "memberIds", List.of(li, wang))).json();
        create(Map.of("name", "县民政局", "kind", "DEPARTMENT", "level", "COUNTY",
                "villages", List.of("和平村", "大村"), "memberIds", List.of(wang)));

        assertThat(branch.get("id").asText()).startsWith("o-");
        assertThat(branch.get("members")).extracting(m -> m.get("name").asText()).containsExactly("李建华", "王县长");
        assertThat(branch.get("members").get(1).get("level").asText()).isEqualTo("COUNTY");
        hub.addUser("dacun", "CADRE", "大村", null);
        String dacun = hub.login("dacun", "password-dacun");
        assertThat(hub.get("/api/v1/organisations", dacun).json()).extracting(o -> o.get("name").asText())
                .containsExactly("县民政局");
        assertThat(hub.get("/api/v1/organisations", hub.adminToken).json()).extracting(o -> o.get("name").asText())
                .containsExactly("县民政局", "和平村党支部");
        assertThat(hub.get("/api/v1/organisations/" + branch.get("id").asText(), dacun).status()).isEqualTo(403);
        assertThat(hub.post("/api/v1/organisations", dacun, Map.of("name", "x", "kind", "DEPARTMENT",
                "level", "COUNTY")).status()).isEqualTo(403);
        assertThat(create(Map.of("name", "某组", "kind", "PARTY_BRANCH", "level", "GROUP")).errorMessage())
                .contains("village");
        assertThat(create(Map.of("name", "某局", "kind", "DEPARTMENT", "level", "COUNTY", "memberIds",
                List.of("c-nobody"))).errorMessage()).contains("memberIds");
        assertThat(hub.column("SELECT COUNT(*) FROM organisations")).containsExactly("2");
    }

    @Test
    void the_csv_file_goes_out_and_comes_back_changed_and_a_bad_row_changes_nothing() {
        String id = create(Map.of("name", "和平村党支部", "kind", "PARTY_BRANCH", "level", "VILLAGE",
                "village", "和平村", "villages", List.of("和平村"), "memberIds", List.of(li))).json().get("id").asText();

        TestHub.Answer export = hub.get("/api/v1/organisations.csv", hub.adminToken);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/csv"));
        assertThat(export.body()).startsWith("\uFEFFid,名称,类型,级别,所在村,结对村,成员,在用")
                .contains(id + ",和平村党支部,党组织,村,和平村,和平村,李建华（和平村）,是");

        String changed = "id,名称,成员\r\n" + id + ",和平村党总支,李建华（和平村）、王县长\r\n"
                + ",县民政局,张党员\r\n";
        TestHub.Answer refused = hub.postRaw("/api/v1/organisations.csv", hub.adminToken, "text/csv",
                changed.getBytes(UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorMessage()).contains("line 3", "类型");
        assertThat(hub.get("/api/v1/organisations/" + id, hub.adminToken).json().get("name").asText())
                .isEqualTo("和平村党支部");

        String good = "id,名称,类型,级别,结对村,成员\r\n" + id + ",和平村党总支,党组织,村,和平村,李建华（和平村）、王县长\r\n"
                + ",县民政局,部门,县,和平村、大村,张党员\r\n";
        JsonNode imported = hub.postRaw("/api/v1/organisations.csv", hub.adminToken, "text/csv",
                good.getBytes(UTF_8)).json();

        assertThat(imported.get("created").asInt()).isEqualTo(1);
        assertThat(imported.get("updated").asInt()).isEqualTo(1);
        JsonNode branch = hub.get("/api/v1/organisations/" + id, hub.adminToken).json();
        assertThat(branch.get("name").asText()).isEqualTo("和平村党总支");
        assertThat(branch.get("village").asText()).as("a column left out keeps its value").isEqualTo("和平村");
        assertThat(branch.get("members")).extracting(m -> m.get("id").asText()).containsExactlyInAnyOrder(li, wang);
        assertThat(hub.column("SELECT action FROM audit_log WHERE action LIKE 'organisation.%' ORDER BY seq"))
                .containsExactly("organisation.create", "organisation.import");
    }

    private String person(String name, String village, String level, String kind) {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", name).put("village", village)
                .put("level", level).put("kind", kind);
        return hub.post("/api/v1/cadres", hub.adminToken, body).json().get("id").asText();
    }

    private TestHub.Answer create(Map<String, ?> body) {
        return hub.post("/api/v1/organisations", hub.adminToken, body);
    }
}
