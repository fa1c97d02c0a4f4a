package org.courtyard.hub.notify.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.courtyard.hub.help.HelpView;
import org.courtyard.hub.kiosk.FleetChange;
import org.courtyard.hub.kiosk.KioskView;
import org.courtyard.hub.notify.Notice;
import org.courtyard.hub.residents.Cadres;
import org.courtyard.protocol.HelpRequest;
import org.courtyard.protocol.ProtocolJson;

/** Renders webhook messages. The robots' text is Chinese for the township's staff group. */
public final class WebhookBodies {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * Who is to be told of a help request: the person asking, when the request names them, their
     * paired cadres, and the village's duty phone (值班电话); each may be absent.
     */
    public record HelpPeople(String residentName, List<Cadres.Contact> cadres, String dutyPhone) {

        public static final HelpPeople NOBODY = new HelpPeople(null, List.of(), null);

        public HelpPeople {
            cadres = List.copyOf(cadres);
        }

        /** The mobile numbers to @-mention: the cadres', then the duty phone. */
        List<String> mentions() {
            List<String> phones = new ArrayList<>();
            cadres.stream().map(Cadres.Contact::phone).filter(phone -> phone != null).forEach(phones::add);
            if (dutyPhone != null) {
                phones.add(dutyPhone);
            }
            return phones;
        }

        /** {@code 。结对干部：李建华、王芳；村值班电话：13800001111}, or nothing. */
        String tail() {
            List<String> parts = new ArrayList<>();
            if (!cadres.isEmpty()) {
                parts.add("结对干部：" + cadres.stream().map(Cadres.Contact::name).collect(Collectors.joining("、")));
            }
            if (dutyPhone != null) {
                parts.add("村值班电话：" + dutyPhone);
            }
            return parts.isEmpty() ? "" : "。" + String.join("；", parts);
        }
    }

    private WebhookBodies() {
    }

    /**
     * {@code {"event":"help.new","request":HELP}}; for new and overdue requests also
     * {@code "cadres":[{"id","name","phone"}]} and {@code "dutyPhone"}.
     */
    public static String json(String event, HelpView help, HelpPeople people) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("request", help);
        if (people != null) {
            body.put("cadres", people.cadres().stream().map(WebhookBodies::contact).toList());
            body.put("dutyPhone", people.dutyPhone());
        }
        return ProtocolJson.write(body);
    }

    /** {@code {"event":"kiosk.silent","kiosk":KIOSK}}. */
    public static String json(String event, KioskView kiosk) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("kiosk", kiosk);
        return ProtocolJson.write(body);
    }

    /** {@code {"event":"test","by":"王芳","at":"..."}}: the staff page's 发送测试消息. */
    public static String jsonTest(String by, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "test");
        body.put("by", by);
        body.put("at", at);
        return ProtocolJson.write(body);
    }

    /** {@code {"id","name","phone"}} of a paired cadre. */
    public static Map<String, Object> contact(Cadres.Contact cadre) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", cadre.id());
        contact.put("name", cadre.name());
        contact.put("phone", cadre.phone());
        return contact;
    }

    /** 【求助】大村 村委会活动室 18:02 张桂英 新求助（看病），请尽快处理。结对干部：李建华；村值班电话：… */
    public static Notice newHelp(HelpView help, ZoneId zone, HelpPeople people) {
        return Notice.alone("【求助】" + where(help, zone, people) + " 新求助" + category(help.request()) + "，请尽快处理"
                + people.tail(), people.mentions(), page(help));
    }

    /** The overdue request's people are mentioned again. */
    public static Notice overdueHelp(HelpView help, ZoneId zone, Duration overdueAfter, HelpPeople people) {
        return Notice.alone("【求助超时】" + where(help, zone, people) + " 的求助已超过" + overdueAfter.toMinutes()
                + "分钟无人受理，请尽快处理" + people.tail(), people.mentions(), page(help));
    }

    public static Notice resolvedHelp(HelpView help, ZoneId zone) {
        String who = help.request().assignee() != null ? help.request().assignee() : help.request().acknowledgedBy();
        return Notice.alone("【已解决】" + where(help, zone, HelpPeople.NOBODY) + " 的求助已处理完毕"
                + (who == null ? "" : "（" + who + "）"), List.of(), page(help));
    }

    /** 【设备失联】大村 村委会活动室 已超过15分钟没有联系（最后联系 18:02），老人求助可能发不出来，请检查设备的电源和网络. */
    public static Notice silent(FleetChange change, ZoneId zone, Duration silentAfter) {
        return new Notice("【设备失联】" + kiosk(change.kiosk()) + " 已超过" + silentAfter.toMinutes() + "分钟没有联系"
                + since(change, zone) + "，老人求助可能发不出来，请检查设备的电源和网络", List.of(), "kiosks",
                kiosk(change.kiosk()));
    }

    /** 【设备恢复】大村 村委会活动室 18:40 恢复联系（18:02 起失联）. */
    public static Notice back(FleetChange change, ZoneId zone) {
        Instant back = change.kiosk().lastSeenAt();
        return new Notice("【设备恢复】" + kiosk(change.kiosk()) + (back == null ? "" : " " + CLOCK.format(back.atZone(zone)))
                + " 恢复联系" + (change.silentSince() == null ? ""
                        : "（" + CLOCK.format(change.silentSince().atZone(zone)) + " 起失联）"), List.of(), "kiosks",
                kiosk(change.kiosk()));
    }

    /** 【测试】馨安小院通知测试：王芳 18:02 从乡镇工作台发送。… */
    public static Notice test(String by, Instant at, ZoneId zone) {
        return Notice.alone("【测试】馨安小院通知测试：" + by + " " + CLOCK.format(at.atZone(zone))
                + " 从乡镇工作台发送。收到这条消息，说明求助和提醒能送到这个群。", List.of(), "notify");
    }

    private static String page(HelpView help) {
        return "help/" + help.request().id();
    }

    private static String kiosk(KioskView kiosk) {
        return (kiosk.village() == null ? "" : kiosk.village() + " ") + (kiosk.name() == null ? kiosk.id() : kiosk.name());
    }

    private static String since(FleetChange change, ZoneId zone) {
        return change.silentSince() == null ? "" : "（最后联系 " + CLOCK.format(change.silentSince().atZone(zone)) + "）";
    }

    /**
     * Village, kiosk name and the time of the press (the kiosk's if its clock was trusted, else the
     * hub's), and the person asking when known.
     */
    private static String where(HelpView help, ZoneId zone, HelpPeople people) {
        HelpRequest request = help.request();
        Instant at = request.clockTrusted() ? request.occurredAt() : request.receivedAt();
        String village = request.village() == null ? "" : request.village() + " ";
        String kiosk = help.kioskName() == null ? request.kioskId() : help.kioskName();
        return village + kiosk + " " + CLOCK.format(at.atZone(zone))
                + (people.residentName() == null ? "" : " " + people.residentName());
    }

    private static String category(HelpRequest request) {
        if (request.category() == null) {
            return "";
        }
        return switch (request.category()) {
            case EMERGENCY -> "（紧急）";
            case MEDICAL -> "（看病）";
            case DAILY -> "（生活）";
            case OTHER -> "（其他）";
        };
    }
}
