package org.courtyard.hub.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.courtyard.hub.residents.ChildrenAway;
import org.courtyard.hub.residents.FieldError;
import org.courtyard.hub.residents.ParentsAway;
import org.courtyard.hub.residents.ResidentView;
import org.courtyard.hub.survey.Criteria.Meets;
import org.courtyard.protocol.ResidentType;
import org.junit.jupiter.api.Test;

/** The inclusion criteria: ages counted in whole years on the day, the parents' and children's situation, 五保户. */
class CriteriaTest {

    private static final LocalDate ON = LocalDate.of(2027, 3, 1);
    private final Criteria criteria = Criteria.DEFAULTS;

    @Test
    void a_child_meets_them_until_the_day_before_the_sixteenth_birthday() {
        assertThat(criteria.check(child(LocalDate.of(2011, 3, 2), ParentsAway.BOTH), ON).meets()).isEqualTo(Meets.MEETS);
        Criteria.Verdict sixteen = criteria.check(child(LocalDate.of(2011, 3, 1), ParentsAway.BOTH), ON);
        assertThat(sixteen.meets()).isEqualTo(Meets.NOT_MET);
        assertThat(sixteen.reasons()).containsExactly("CHILD_AGED_OUT");
    }

    @Test
    void a_child_needs_both_parents_away_or_one_away_and_the_other_unable_to_care() {
        LocalDate born = LocalDate.of(2018, 5, 5);
        assertThat(criteria.check(child(born, ParentsAway.ONE_OTHER_UNABLE), ON).meets()).isEqualTo(Meets.MEETS);
        assertThat(criteria.check(child(born, ParentsAway.ONE), ON).reasons()).containsExactly("PARENTS_NOT_AWAY");
        assertThat(criteria.check(child(born, ParentsAway.NONE), ON).meets()).isEqualTo(Meets.NOT_MET);
    }

    @Test
    void a_record_without_what_the_criteria_need_is_unknown_and_says_what_is_missing() {
        Criteria.Verdict child = criteria.check(child(null, null), ON);
        assertThat(child.meets()).isEqualTo(Meets.UNKNOWN);
        assertThat(child.reasons()).containsExactly("NO_BIRTH_DATE", "NO_PARENTS_AWAY");
        Criteria.Verdict elder = criteria.check(elder(LocalDate.of(1950, 1, 1), null, List.of()), ON);
        assertThat(elder.meets()).isEqualTo(Meets.UNKNOWN);
        assertThat(elder.reasons()).containsExactly("NO_CHILDREN_AWAY");
    }

    @Test
    void an_elder_meets_them_from_sixty_with_all_children_away_or_none_and_a_five_guarantee_elder_always() {
        assertThat(criteria.check(elder(LocalDate.of(1967, 3, 1), ChildrenAway.ALL, List.of()), ON).meets())
                .isEqualTo(Meets.MEETS);
        assertThat(criteria.check(elder(LocalDate.of(1950, 1, 1), ChildrenAway.NO_CHILDREN, List.of()), ON).meets())
                .isEqualTo(Meets.MEETS);
        assertThat(criteria.check(elder(LocalDate.of(1967, 3, 2), ChildrenAway.ALL, List.of()), ON).reasons())
                .containsExactly("ELDER_TOO_YOUNG");
        assertThat(criteria.check(elder(LocalDate.of(1950, 1, 1), ChildrenAway.SOME, List.of()), ON).reasons())
                .containsExactly("CHILDREN_NEARBY");
        assertThat(criteria.check(elder(null, null, List.of("五保户")), ON).meets()).isEqualTo(Meets.MEETS);
    }

    @Test
    void the_township_sets_its_own_ages() {
        Criteria own = new Criteria(18, 65, "五保户");
        assertThat(own.check(child(LocalDate.of(2010, 1, 1), ParentsAway.BOTH), ON).meets()).isEqualTo(Meets.MEETS);
        assertThat(own.check(elder(LocalDate.of(1964, 1, 1), ChildrenAway.ALL, List.of()), ON).meets())
                .isEqualTo(Meets.NOT_MET);
        assertThatThrownBy(() -> new Criteria(0, 60, "五保户")).isInstanceOf(FieldError.class)
                .hasMessageContaining("criteria.childUnder");
        assertThatThrownBy(() -> new Criteria(16, 60, " ")).isInstanceOf(FieldError.class)
                .hasMessageContaining("criteria.fiveGuaranteeTag");
    }

    private static ResidentView child(LocalDate born, ParentsAway parents) {
        return person(ResidentType.CHILD, born, parents, null, List.of());
    }

    private static ResidentView elder(LocalDate born, ChildrenAway children, List<String> tags) {
        return person(ResidentType.ELDER, born, null, children, tags);
    }

    private static ResidentView person(ResidentType type, LocalDate born, ParentsAway parents, ChildrenAway children,
            List<String> tags) {
        Instant now = Instant.parse("2027-03-01T00:00:00Z");
        return new ResidentView("r-test", "和平村", null, "张三", type, tags, 1, born, null, null, null, null, parents, null,
                null, null, null, null, children, null, List.of(), null, true, null, null, null, null, null, null,
                false, now, now, 1);
    }
}
