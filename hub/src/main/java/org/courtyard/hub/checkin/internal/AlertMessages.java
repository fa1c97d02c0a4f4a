package org.courtyard.hub.checkin.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.courtyard.hub.checkin.AlertView;
import org.courtyard.hub.notify.Notice;
import org.courtyard.hub.residents.Cadres;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.ResidentType;

/**
 * The webhook messages of a missed check-in, addressed to the resident's paired cadres. In JSON
 * they come as a list with their phones; to the group robots the text names them and the robot
 * @-mentions each by phone.
 */
public final class AlertMessages {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");

    private AlertMessages() {
    }

    /** {@code {"event":"checkin.missed","alert":ALERT,"cadres":[{"id","name","phone"}]}}. */
    public static String json(String event, AlertView alert, List<Cadres.Contact> cadres) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("alert", alert);
        body.put("cadres", cadres.stream().map(cadre -> {
            Map<String, Object> contact = new LinkedHashMap<>();
            contact.put("id", cadre.id());
            contact.put("name", cadre.name());
            contact.put("phone", cadre.phone());
            return contact;
        }).toList());
        return ProtocolJson.write(body);
    }

    /**
     * The message for the group robots: the text naming the paired cadres, their phones to
     * @-mention (so their phones ring even in a busy group), the staff page's 报平安 section, and the
     * line it gets in a digest ({@code 王德福（和平村）}).
     */
    public static Notice notice(AlertView alert, List<Cadres.Contact> cadres, LocalDate today, ZoneId zone) {
        return new Notice(text(alert, cadres, today, zone), cadres.stream().map(Cadres.Contact::phone).toList(),
                "checkins", alert.name() + "（" + alert.village() + "）");
    }

    /**
     * {@code 【未报平安】和平村 张桂英（老人）已3天没有报平安（上次11月26日），请结对干部李建华、王芳尽快联系。}
     */
    public static String text(AlertView alert, List<Cadres.Contact> cadres, LocalDate today, ZoneId zone) {
        String who = alert.village() + " " + alert.name() + (alert.type() == ResidentType.CHILD ? "（儿童）" : "（老人）");
        String silence;
        if (alert.lastCheckInAt() == null) {
            silence = "登记后还没有报过平安";
        } else {
            LocalDate last = alert.lastCheckInAt().atZone(zone).toLocalDate();
            silence = "已" + ChronoUnit.DAYS.between(last, today) + "天没有报平安（上次" + DAY.format(last) + "）";
        }
        String ask = cadres.isEmpty()
                ? "尚无结对干部，请村委会尽快联系。"
                : "请结对干部" + cadres.stream().map(Cadres.Contact::name).collect(Collectors.joining("、")) + "尽快联系。";
        return "【未报平安】" + who + silence + "，" + ask;
    }
}
