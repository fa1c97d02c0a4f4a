package org.courtyard.kiosk.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.checkin.CheckInSections.NameRange;
import org.courtyard.kiosk.core.CheckInSection;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.protocol.ResidentType;
import org.junit.jupiter.api.Test;

class CheckInSectionsTest {

    @Test
    void one_group_or_none_gets_no_sections() {
        assertThat(CheckInSections.of(tiles("张桂英", "王德福"))).isEmpty();
        assertThat(CheckInSections.of(List.of(tile("r-1", "张桂英", "三组"), tile("r-2", "王德福", "三组")))).isEmpty();
    }

    @Test
    void groups_come_in_their_number_order_with_those_in_none_last_and_keep_the_tiles_order() {
        List<ResidentTile> tiles = List.of(tile("r-1", "张桂英", "十组"), tile("r-2", "王德福", null),
                tile("r-3", "陈秀兰", "二组"), tile("r-4", "李小军", "十组"), tile("r-5", "赵小雨", "大寨组"));

        List<CheckInSection> sections = CheckInSections.of(tiles);

        assertThat(sections).extracting(CheckInSection::group).containsExactly("二组", "十组", "大寨组", null);
        assertThat(sections).extracting(CheckInSection::key).containsExactly("二组", "十组", "大寨组", "");
        assertThat(sections.get(1).residents()).extracting(ResidentTile::name).containsExactly("张桂英", "李小军");
    }

    @Test
    void ranges_split_by_pinyin_into_nearly_equal_parts_named_by_surnames_keeping_the_shown_order() {
        // Shown order: whoever comes most first, not by name.
        List<ResidentTile> tiles = tiles("赵小雨", "陈秀兰", "张桂英", "李小军", "王德福", "欧阳秀英", "孙大妈");

        List<NameRange> ranges = CheckInSections.ranges(tiles, 3);

        assertThat(ranges).extracting(NameRange::from).containsExactly("陈", "欧", "王");
        assertThat(ranges).extracting(NameRange::to).containsExactly("李", "孙", "赵");
        assertThat(ranges).extracting(range -> range.residents().size()).containsExactly(2, 2, 3);
        assertThat(ranges.get(2).residents()).extracting(ResidentTile::name).containsExactly("赵小雨", "张桂英", "王德福");
        assertThat(CheckInSections.ranges(tiles, 7)).singleElement()
                .satisfies(range -> assertThat(range.residents()).isEqualTo(tiles));
        assertThatThrownBy(() -> CheckInSections.ranges(tiles, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void where_two_parts_meet_within_a_surname_their_labels_take_more_of_the_names() {
        List<ResidentTile> tiles = tiles("李小军", "李秀兰", "李德福", "王芳", "陈红");

        List<NameRange> ranges = CheckInSections.ranges(tiles, 3);

        // By pinyin: 陈红, 李德福 | 李小军, 李秀兰, 王芳.
        assertThat(ranges).extracting(NameRange::from).containsExactly("陈", "李小");
        assertThat(ranges).extracting(NameRange::to).containsExactly("李德", "王");
    }

    @Test
    void every_resident_of_a_big_village_is_in_exactly_one_group_and_one_range() {
        List<ResidentTile> village = TestRoster.village().stream()
                .map(card -> new ResidentTile(card.id(), card.name(), card.type(), null, card.group(), false)).toList();

        List<CheckInSection> sections = CheckInSections.of(village);

        assertThat(sections.stream().mapToInt(s -> s.residents().size()).sum()).isEqualTo(200);
        for (CheckInSection section : sections) {
            List<NameRange> ranges = CheckInSections.ranges(section.residents(), 5);
            assertThat(ranges).allSatisfy(range -> assertThat(range.residents()).hasSizeBetween(1, 5));
            assertThat(ranges.stream().flatMap(range -> range.residents().stream()))
                    .containsExactlyInAnyOrderElementsOf(section.residents());
        }
    }

    private static List<ResidentTile> tiles(String... names) {
        return java.util.Arrays.stream(names).map(name -> tile("r-" + name, name, null)).toList();
    }

    private static ResidentTile tile(String id, String name, String group) {
        return new ResidentTile(id, name, ResidentType.ELDER, null, group, false);
    }
}
