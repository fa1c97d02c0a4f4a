package org.courtyard.hub.care.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.courtyard.hub.notify.Notice;
import org.courtyard.protocol.ProtocolJson;

/**
 * The daily visit digest of one village, as the webhooks send it: in JSON the lists of tasks, for
 * the group robots (WeCom, DingTalk) a short Chinese text naming the people and the month or
 * festival, @-mentioning the assigned cadres by their phones.
 */
public final class DigestMessages {

    /** Names listed per part; more are counted ("等 12 人"). */
    public static final int MAX_NAMES = 10;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");

    /** A task as the digest tells it: who, what, by when, and the cadres' names and phones. */
    public record Line(String taskId, String kind, String title, String residentId, String residentName,
            LocalDate dueOn, List<Cadre> cadres) {
    }

    /** A cadre to mention. */
    public record Cadre(String id, String name, String phone) {

        @Override
        public String toString() {
            return "Cadre[id=" + id + "]";
        }
    }

    private DigestMessages() {
    }

    /** {@code {"event":"care.digest","village","date","due":[…],"overdue":[…]}}. */
    public static String json(String event, String village, LocalDate today, List<Line> due, List<Line> overdue) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("village", village);
        body.put("date", today.toString());
        body.put("due", due);
        body.put("overdue", overdue);
        return ProtocolJson.write(body);
    }

    /**
     * The group robots' notice: the text below, the assigned cadres' phones mentioned, the staff
     * page's 走访 section linked; folded into a robot's digest as {@code 和平村（3天内2人，超期1人）}.
     */
    public static Notice notice(String village, LocalDate today, List<Line> due, List<Line> overdue) {
        Set<String> phones = new LinkedHashSet<>();
        for (List<Line> part : List.of(due, overdue)) {
            part.forEach(line -> line.cadres().forEach(cadre -> {
                if (cadre.phone() != null) {
                    phones.add(cadre.phone());
                }
            }));
        }
        String fold = village + "（3天内" + people(due) + "人，超期" + people(overdue) + "人）";
        return new Notice(text(village, today, due, overdue), List.copyOf(phones), "care", fold);
    }

    /**
     * {@code 【走访提醒】和平村 12月7日：3天内要走访2人：张桂英（12月走访，12月31日前）、…；超期未走访1人：
     * 李小军（11月走访，11月30日）。请结对干部及时走访。}
     */
    public static String text(String village, LocalDate today, List<Line> due, List<Line> overdue) {
        StringBuilder out = new StringBuilder("【走访提醒】").append(village).append(' ').append(DAY.format(today))
                .append('：');
        if (!due.isEmpty()) {
            out.append("3天内要走访").append(people(due)).append("人：").append(names(due, "前"));
        }
        if (!overdue.isEmpty()) {
            if (!due.isEmpty()) {
                out.append('；');
            }
            out.append("超期未走访").append(people(overdue)).append("人：").append(names(overdue, "到期"));
        }
        return out.append("。请结对干部及时走访。").toString();
    }

    private static long people(List<Line> lines) {
        return lines.stream().map(Line::residentId).distinct().count();
    }

    private static String names(List<Line> lines, String after) {
        String listed = lines.stream().limit(MAX_NAMES).map(line -> line.residentName() + "（" + line.title() + "，"
                + DAY.format(line.dueOn()) + after + (line.cadres().isEmpty() ? "，未结对" : "") + "）")
                .collect(Collectors.joining("、"));
        return lines.size() > MAX_NAMES ? listed + "等" + lines.size() + "项" : listed;
    }
}
