package org.courtyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameOrderTest {

    @Test
    void names_sort_by_pinyin() {
        List<String> names = new ArrayList<>(List.of("张桂英", "王德福", "陈秀兰", "李小军", "赵小雨", "欧阳秀英", "孙大妈",
                "阿婆", "曾"));

        names.sort(NameOrder.NAMES);

        assertThat(names).containsExactly("阿婆", "陈秀兰", "李小军", "欧阳秀英", "孙大妈", "王德福", "曾", "张桂英", "赵小雨");
    }

    @Test
    void different_names_never_compare_equal() {
        assertThat(NameOrder.NAMES.compare("张桂英", "張桂英")).isNotZero();
        assertThat(NameOrder.NAMES.compare("张桂英", "张桂英")).isZero();
    }

    @Test
    void the_sort_key_orders_as_the_comparator_does() {
        List<String> names = List.of("张桂英", "王德福", "陈秀兰", "李小军", "赵小雨", "欧阳秀英", "孙大妈", "张桂", "张", "王",
                "Wang", "曾", "阿婆", "張桂英");

        List<String> byKey = new ArrayList<>(names);
        byKey.sort(Comparator.comparing(NameOrder::sortKey));
        List<String> byComparator = new ArrayList<>(names);
        byComparator.sort(NameOrder.NAMES);

        assertThat(byKey).isEqualTo(byComparator);
    }

    @Test
    void groups_sort_by_their_number_then_by_pinyin() {
        List<String> groups = new ArrayList<>(List.of("十一组", "大寨组", "二组", "第十组", "一组", "3组", "二十组",
                "新村组", "两河组"));

        groups.sort(NameOrder.GROUPS);

        assertThat(groups).containsExactly("一组", "二组", "3组", "第十组", "十一组", "二十组", "大寨组", "两河组", "新村组");
    }
}
