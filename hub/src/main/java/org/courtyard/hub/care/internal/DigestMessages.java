package org.courtyard.hub.care.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.courtyard.protocol.ProtocolJson;

/**
 * The daily visit digest of one village, as the webhooks send it: in JSON the lists of tasks, for
 * a WeCom group robot a short Chinese text naming the people and the month or festival, with the
 * assigned cadres' phones in {@code mentioned_mobile_list} so the robot @-mentions them.
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

    /** A WeCom text message: the text below, the assigned cadres' phones mentioned. */
    public static String wecom(String village, LocalDate today, List<Line> due, List<Line> overdue) {
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("content", text(village, today, due, overdue));
        Set<String> phones = new LinkedHashSet<>();
        for (List<Line> part : List.of(due, overdue)) {
            part.forEach(line -> line.cadres().forEach(cadre -> {
                if (cadre.phone() != null) {
                    phones.add(cadre.phone());
                }
            }));
        }
        if (!phones.isEmpty()) {
            text.put("mentioned_mobile_list", List.copyOf(phones));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "text");
        body.put("text", text);
        return ProtocolJson.write(body);
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
