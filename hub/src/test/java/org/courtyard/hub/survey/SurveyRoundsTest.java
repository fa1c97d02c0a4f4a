package org.courtyard.hub.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.audit.AuditSchema;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.AuthSchema;
import org.courtyard.hub.checkin.CheckInSchema;
import org.courtyard.hub.kiosk.KioskSchema;
import org.courtyard.hub.auth.Role;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.residents.ChildrenAway;
import org.courtyard.hub.residents.ParentsAway;
import org.courtyard.hub.residents.ResidentInput;
import org.courtyard.hub.residents.ResidentView;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.residents.ResidentsSchema;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.hub.survey.SurveyRounds.Show;
import org.courtyard.hub.sync.SyncSchema;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.ResidentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The survey against a real SQLite ledger: rounds, reviews applied to the ledger in the same
 * transaction, flags and decisions, snapshots at close and the diff between rounds.
 */
class SurveyRoundsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.of(2027, 1, 10);
    /** A page that holds the whole of these small diffs. */
    private static final org.courtyard.hub.core.PageRequest WHOLE = org.courtyard.hub.core.PageRequest.first(1000);
    private static final StaffUser STAFF = new StaffUser("staff", Role.STAFF, null, "乡镇工作人员");
    private static final StaffUser CADRE = new StaffUser("lijianhua", Role.CADRE, "和平村", "李建华");

    @TempDir
    Path dir;

    Database database;
    Residents residents;
    SurveyRounds survey;
    AuditTrail trail;

    @BeforeEach
    void open() {
        Clock clock = Clock.fixed(TODAY.atTime(10, 0).atZone(ZONE).toInstant(), ZoneOffset.UTC);
        database = Database.open(dir.resolve("hub.db"));
        // The ledger's reads join the kiosks' check-ins and visits: the tables of every feature it reads.
        database.migrate("audit", AuditSchema.STEPS);
        database.migrate("auth", AuthSchema.STEPS);
        database.migrate("kiosk", KioskSchema.STEPS);
        database.migrate("sync", SyncSchema.STEPS);
        database.migrate("residents", ResidentsSchema.STEPS);
        database.migrate("checkin", CheckInSchema.STEPS);
        database.migrate("survey", SurveySchema.STEPS);
        residents = new Residents(database, clock, dir.resolve("photos"));
        survey = new SurveyRounds(database, clock, ZONE, residents, Criteria.DEFAULTS);
        trail = new AuditLog(database, clock).by(new Actor("test", "127.0.0.1"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void opening_makes_every_active_resident_due_and_a_second_open_round_is_refused() {
        String zhang = elder("张桂英", "和平村");
        elder("王德福", "和平村");
        child("李小军", "和平村", "和平村完小");
        elder("周大娘", "团结村");
        String gone = elder("陈秀兰", "和平村");
        residents.replace(STAFF, gone, residents.get(STAFF, gone).input().withActive(false), Optional.empty(), trail);

        SurveyRound round = open("2027年上半年");

        assertThat(round.status()).isEqualTo("OPEN");
        assertThat(round.progress().total()).isEqualTo(4);
        assertThat(round.progress().reviewed()).isZero();
        assertThat(round.villages()).extracting(VillageProgress::village, VillageProgress::total)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("和平村", 3),
                        org.assertj.core.groups.Tuple.tuple("团结村", 1));
        assertThat(survey.items(STAFF, round.id(), Show.TO_REVIEW, Optional.of("和平村"), Optional.empty(), 10).items())
                .extracting(SurveyItem::name).containsExactly("张桂英", "李小军", "王德福");
        assertThatThrownBy(() -> open("2027年下半年")).isInstanceOf(Refusal.class)
                .hasMessageContaining("still open").extracting(e -> ((Refusal) e).kind())
                .isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(survey.item(STAFF, round.id(), zhang).outcome()).isNull();
    }

    @Test
    void a_cadre_confirms_one_changes_another_s_school_and_marks_a_third_left_and_the_ledger_follows() {
        String zhang = elder("张桂英", "和平村");
        String li = child("李小军", "和平村", "和平村完小");
        String zhao = child("赵小雨", "和平村", "和平村完小");
        String round = open("2027年上半年").id();

        SurveyItem confirmed = survey.review(CADRE, round, review(zhang, Outcome.CONFIRMED, null, null), trail);
        SurveyItem changed = survey.review(CADRE, round, review(li, Outcome.CHANGED, null,
                "{\"school\":\"镇中心小学\",\"schoolClass\":\"四年级一班\"}"), trail);
        SurveyItem left = survey.review(CADRE, round, review(zhao, Outcome.LEFT, LeaveReason.PARENTS_RETURNED, null),
                trail);

        assertThat(confirmed.outcome()).isEqualTo(Outcome.CONFIRMED);
        assertThat(confirmed.reviewedBy()).isEqualTo("lijianhua");
        assertThat(confirmed.flag()).isNull();
        assertThat(changed.changes().get("school")).extracting(JsonNode::asText)
                .containsExactly("和平村完小", "镇中心小学");
        assertThat(residents.get(STAFF, li).school()).isEqualTo("镇中心小学");
        assertThat(residents.get(STAFF, li).schoolClass()).isEqualTo("四年级一班");
        ResidentView gone = residents.get(STAFF, zhao);
        assertThat(gone.active()).isFalse();
        assertThat(gone.leftReason()).isEqualTo("PARENTS_RETURNED");
        assertThat(gone.leftAt()).isNotNull();
        assertThat(left.meets()).isNull();
        SurveyRound board = survey.get(CADRE, round, Optional.empty());
        assertThat(board.progress()).isEqualTo(new VillageProgress("和平村", 3, 3, 1, 1, 1, 0, 0, 0));
        assertThat(board.villages()).singleElement().extracting(VillageProgress::reviewed).isEqualTo(3);
        assertThat(survey.items(CADRE, round, Show.TO_REVIEW, Optional.empty(), Optional.empty(), 10).items()).isEmpty();
        assertThat(audited("survey.review")).isEqualTo(3);
    }

    @Test
    void a_review_with_a_bad_change_stores_nothing_and_names_the_field() {
        String li = child("李小军", "和平村", "和平村完小");
        String round = open("2027年上半年").id();

        assertThatThrownBy(() -> survey.review(CADRE, round, review(li, Outcome.CHANGED, null,
                "{\"school\":\"" + "很".repeat(101) + "\"}"), trail))
                .isInstanceOf(Refusal.class).hasMessageContaining("school")
                .extracting(e -> ((Refusal) e).field().orElseThrow()).asString().isEqualTo("changes.school");
        assertThatThrownBy(() -> survey.review(CADRE, round, review(li, Outcome.CHANGED, null,
                "{\"school\":\"和平村完小\"}"), trail)).isInstanceOf(Refusal.class)
                .hasMessageContaining("changes nothing");

        assertThat(residents.get(STAFF, li).school()).isEqualTo("和平村完小");
        assertThat(survey.item(STAFF, round, li).outcome()).isNull();
        assertThat(audited("survey.review")).isZero();
        assertThat(audited("resident.update")).isZero();
    }

    @Test
    void reviews_are_refused_twice_for_another_village_and_after_the_close() {
        // (Who may open, close and decide is the routes' access, tested over HTTP in SurveyTest.)
        String zhang = elder("张桂英", "和平村");
        String zhou = elder("周大娘", "团结村");
        String wang = elder("王德福", "和平村");
        String round = open("2027年上半年").id();
        survey.review(CADRE, round, review(zhang, Outcome.CONFIRMED, null, null), trail);

        assertThatThrownBy(() -> survey.review(STAFF, round, review(zhang, Outcome.CONFIRMED, null, null), trail))
                .isInstanceOf(Refusal.class).hasMessageContaining("was reviewed (CONFIRMED)");
        assertThatThrownBy(() -> survey.review(CADRE, round, review(zhou, Outcome.CONFIRMED, null, null), trail))
                .extracting(e -> ((Refusal) e).kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThatThrownBy(() -> survey.get(CADRE, round, Optional.of("团结村")))
                .extracting(e -> ((Refusal) e).kind()).isEqualTo(Refusal.Kind.FORBIDDEN);

        survey.close(STAFF, round, trail);

        assertThatThrownBy(() -> survey.review(CADRE, round, review(wang, Outcome.CONFIRMED, null, null), trail))
                .isInstanceOf(Refusal.class).hasMessageContaining("was closed");
        assertThatThrownBy(() -> survey.close(STAFF, round, trail))
                .extracting(e -> ((Refusal) e).kind()).isEqualTo(Refusal.Kind.CONFLICT);
    }

    @Test
    void a_record_that_no_longer_meets_the_criteria_is_flagged_and_kept_until_staff_decide() {
        String grown = residents.create(STAFF, person("刘大军", "和平村", ResidentType.CHILD,
                LocalDate.of(2010, 6, 1), ParentsAway.BOTH, null, List.of()), trail).id();
        String returned = residents.create(STAFF, person("孙小红", "和平村", ResidentType.CHILD,
                LocalDate.of(2016, 6, 1), ParentsAway.BOTH, null, List.of()), trail).id();
        String unknown = residents.create(STAFF, person("王德福", "和平村", ResidentType.ELDER, null, null, null,
                List.of()), trail).id();
        String round = open("2027年上半年").id();

        SurveyItem aged = survey.review(CADRE, round, review(grown, Outcome.CONFIRMED, null, null), trail);
        SurveyItem home = survey.review(CADRE, round, review(returned, Outcome.CHANGED, null,
                "{\"parentsAway\":\"NONE\"}"), trail);
        SurveyItem incomplete = survey.review(CADRE, round, review(unknown, Outcome.CONFIRMED, null, null), trail);

        assertThat(aged.flag()).isEqualTo(Flag.NO_LONGER_MEETS);
        assertThat(aged.reasons()).containsExactly("CHILD_AGED_OUT");
        assertThat(home.flag()).isEqualTo(Flag.NO_LONGER_MEETS);
        assertThat(home.reasons()).containsExactly("PARENTS_NOT_AWAY");
        assertThat(incomplete.flag()).isEqualTo(Flag.INCOMPLETE);
        assertThat(incomplete.reasons()).containsExactly("NO_BIRTH_DATE", "NO_CHILDREN_AWAY");
        assertThat(residents.get(STAFF, grown).active()).as("never dropped silently").isTrue();
        assertThat(survey.get(STAFF, round, Optional.empty()).progress().flagged()).isEqualTo(3);
        assertThat(survey.items(STAFF, round, Show.FLAGGED, Optional.empty(), Optional.empty(), 10).items())
                .extracting(SurveyItem::name).containsExactly("刘大军", "孙小红", "王德福");

        SurveyItem removed = survey.decide(STAFF, round, grown, new DecisionInput(Decision.REMOVE, LeaveReason.AGED_OUT,
                null), trail);
        SurveyItem kept = survey.decide(STAFF, round, returned, new DecisionInput(Decision.KEEP, null, "母亲常年生病"),
                trail);

        assertThat(removed.decision()).isEqualTo(Decision.REMOVE);
        assertThat(residents.get(STAFF, grown).active()).isFalse();
        assertThat(residents.get(STAFF, grown).leftReason()).isEqualTo("AGED_OUT");
        assertThat(kept.decisionNote()).isEqualTo("母亲常年生病");
        assertThat(residents.get(STAFF, returned).active()).isTrue();
        SurveyRound board = survey.get(STAFF, round, Optional.empty());
        assertThat(board.progress().flagged()).isEqualTo(1);
        assertThat(board.progress().decided()).isEqualTo(2);
        assertThatThrownBy(() -> survey.decide(STAFF, round, grown, new DecisionInput(Decision.KEEP, null, null), trail))
                .isInstanceOf(Refusal.class).hasMessageContaining("decided already");
    }

    @Test
    void a_person_the_survey_finds_is_added_to_the_ledger_and_flagged_for_the_township_s_decision() {
        String round = open("2027年上半年").id();

        ResidentView found = survey.add(CADRE, round, person("马小花", "和平村", ResidentType.CHILD,
                LocalDate.of(2019, 9, 9), ParentsAway.BOTH, null, List.of()), trail);
        ResidentView notEligible = survey.add(CADRE, round, person("马大爷", "和平村", ResidentType.ELDER,
                LocalDate.of(1970, 1, 1), null, ChildrenAway.ALL, List.of()), trail);

        assertThat(residents.get(STAFF, found.id()).active()).isTrue();
        assertThat(survey.item(STAFF, round, found.id()).flag()).isEqualTo(Flag.NEWLY_MEETS);
        assertThat(survey.item(STAFF, round, found.id()).added()).isTrue();
        assertThat(survey.item(STAFF, round, notEligible.id()).flag()).isEqualTo(Flag.DOES_NOT_MEET);
        SurveyRound board = survey.get(STAFF, round, Optional.empty());
        assertThat(board.progress().added()).isEqualTo(2);
        assertThat(board.progress().reviewed()).isEqualTo(2);
        assertThat(board.progress().total()).isEqualTo(2);
        assertThatThrownBy(() -> survey.review(CADRE, round, review(found.id(), Outcome.CONFIRMED, null, null), trail))
                .isInstanceOf(Refusal.class).hasMessageContaining("was added");
    }

    @Test
    void someone_who_leaves_the_ledger_outside_the_survey_is_no_longer_due_and_a_newcomer_becomes_due_on_review() {
        String zhang = elder("张桂英", "和平村");
        String round = open("2027年上半年").id();
        String wang = elder("王德福", "和平村");
        assertThat(survey.get(STAFF, round, Optional.empty()).progress().total()).isEqualTo(1);

        survey.review(CADRE, round, review(wang, Outcome.CONFIRMED, null, null), trail);
        residents.replace(STAFF, zhang, residents.get(STAFF, zhang).input().withActive(false), Optional.empty(), trail);

        SurveyRound board = survey.get(STAFF, round, Optional.empty());
        assertThat(board.progress().total()).isEqualTo(1);
        assertThat(board.progress().reviewed()).isEqualTo(1);
        assertThatThrownBy(() -> survey.review(CADRE, round, review(zhang, Outcome.CONFIRMED, null, null), trail))
                .isInstanceOf(Refusal.class).hasMessageContaining("no longer in the ledger");
    }

    @Test
    void the_list_to_review_comes_in_pages_by_village_and_name() {
        List<String> names = List.of("甲", "乙", "丙", "丁", "戊");
        for (String name : names) {
            elder(name, "和平村");
        }
        elder("己", "东风村");
        String round = open("2027年上半年").id();

        List<String> seen = new ArrayList<>();
        Optional<String> after = Optional.empty();
        int pages = 0;
        do {
            Page<SurveyItem> page = survey.items(STAFF, round, Show.TO_REVIEW, Optional.empty(), after, 2);
            page.items().forEach(item -> seen.add(item.village() + item.name()));
            after = Optional.ofNullable(page.next());
            pages++;
        } while (after.isPresent());

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("东风村己", "和平村丁", "和平村丙", "和平村乙", "和平村戊", "和平村甲");
        assertThatThrownBy(() -> survey.items(STAFF, round, Show.TO_REVIEW, Optional.empty(), Optional.of("nonsense"),
                2)).isInstanceOf(Refusal.class).hasMessageContaining("after");
    }

    @Test
    void closing_keeps_a_snapshot_and_the_diff_tells_who_came_who_left_and_why_and_what_changed() {
        String zhang = elder("张桂英", "和平村");
        String li = child("李小军", "和平村", "和平村完小");
        String zhao = child("赵小雨", "和平村", "和平村完小");
        String first = open("2027年上半年").id();
        survey.review(CADRE, first, review(zhang, Outcome.CONFIRMED, null, null), trail);
        survey.review(CADRE, first, review(li, Outcome.CHANGED, null, "{\"school\":\"镇中心小学\"}"), trail);
        survey.review(CADRE, first, review(zhao, Outcome.LEFT, LeaveReason.PARENTS_RETURNED, null), trail);
        String found = survey.add(CADRE, first, person("马小花", "和平村", ResidentType.CHILD, LocalDate.of(2019, 9, 9),
                ParentsAway.BOTH, null, List.of()), trail).id();
        assertThatThrownBy(() -> survey.diff(STAFF, first, Optional.empty(), Optional.empty(), WHOLE).diff())
                .isInstanceOf(Refusal.class).hasMessageContaining("still open");

        survey.close(STAFF, first, trail);
        RoundDiff diff = survey.diff(STAFF, first, Optional.empty(), Optional.empty(), WHOLE).diff();

        assertThat(diff.from()).isEqualTo(new RoundDiff.Baseline(first, "2027年上半年", "OPEN"));
        assertThat(diff.came()).extracting(RoundDiff.Came::residentId, RoundDiff.Came::how)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(found, "ADDED"));
        assertThat(diff.left()).extracting(RoundDiff.Left::residentId, RoundDiff.Left::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(zhao, LeaveReason.PARENTS_RETURNED));
        assertThat(diff.changed()).singleElement().satisfies(change -> {
            assertThat(change.residentId()).isEqualTo(li);
            assertThat(change.fields()).extracting(RoundDiff.FieldChange::field).containsExactly("school");
            assertThat(change.fields().get(0).before()).hasToString("\"和平村完小\"");
        });

        // Between the rounds the ledger is edited outside the survey; the next round's diff sees it.
        String newcomer = elder("钱奶奶", "和平村");
        residents.replace(STAFF, zhao, residents.get(STAFF, zhao).input().withActive(true), Optional.empty(), trail);
        residents.patch(STAFF, zhang, ProtocolJson.mapper().createObjectNode().put("phone", "13812345678"),
                Optional.empty(), trail);
        String second = open("2027年下半年").id();
        survey.close(STAFF, second, trail);
        RoundDiff next = survey.diff(STAFF, second, Optional.empty(), Optional.empty(), WHOLE).diff();

        assertThat(next.from()).isEqualTo(new RoundDiff.Baseline(first, "2027年上半年", "CLOSE"));
        assertThat(next.came()).extracting(RoundDiff.Came::residentId, RoundDiff.Came::how).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(newcomer, "NEW"), org.assertj.core.groups.Tuple.tuple(zhao, "RETURNED"));
        assertThat(next.left()).isEmpty();
        assertThat(next.changed()).singleElement().satisfies(change -> {
            assertThat(change.residentId()).isEqualTo(zhang);
            assertThat(change.fields()).singleElement().satisfies(field -> {
                assertThat(field.field()).isEqualTo("phone");
                assertThat(field.after()).as("masked").isEqualTo("138****5678");
            });
        });
        assertThat(survey.diff(CADRE, second, Optional.empty(), Optional.empty(), WHOLE).diff().cameCount()).isEqualTo(2);
        assertThat(survey.diff(STAFF, second, Optional.empty(), Optional.of("团结村"), WHOLE).diff().cameCount()).isZero();
    }

    private SurveyRound open(String name) {
        return survey.open(STAFF, new RoundInput(name, TODAY.plusMonths(2), null), trail);
    }

    private int audited(String action) {
        return database.read(c -> Sql.one(c, "SELECT COUNT(*) FROM audit_log WHERE action = ?", r -> r.getInt(1),
                action)).orElseThrow();
    }

    /** An elder who meets the criteria: 80, children away. */
    private String elder(String name, String village) {
        return residents.create(STAFF, person(name, village, ResidentType.ELDER, LocalDate.of(1946, 8, 1), null,
                ChildrenAway.ALL, List.of()), trail).id();
    }

    private String child(String name, String village, String school) {
        ResidentInput base = person(name, village, ResidentType.CHILD, LocalDate.of(2017, 4, 1), ParentsAway.BOTH, null,
                List.of());
        return residents.create(STAFF, new ResidentInput(base.name(), base.village(), null, base.type(), base.tags(), 1,
                base.birthDate(), null, null, "李奶奶", null, base.parentsAway(), "广东东莞", null, school, "三年级二班",
                null, null, null, List.of(), true), trail).id();
    }

    private static ResidentInput person(String name, String village, ResidentType type, LocalDate born,
            ParentsAway parents, ChildrenAway children, List<String> tags) {
        return new ResidentInput(name, village, null, type, tags, 1, born, null, null, null, null, parents, null, null, null,
                null, null, children, null, List.of(), true);
    }

    private static ReviewInput review(String residentId, Outcome outcome, LeaveReason reason, String changes) {
        try {
            return new ReviewInput(residentId, outcome, reason, null,
                    changes == null ? null : ProtocolJson.mapper().readTree(changes));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
