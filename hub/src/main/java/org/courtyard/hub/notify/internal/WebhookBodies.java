package org.courtyard.hub.notify.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.courtyard.hub.help.HelpView;
import org.courtyard.hub.kiosk.FleetChange;
import org.courtyard.hub.kiosk.KioskView;
import org.courtyard.protocol.HelpRequest;
import org.courtyard.protocol.ProtocolJson;

/** Renders webhook bodies. The WeCom text is Chinese for the township's staff group. */
public final class WebhookBodies {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private WebhookBodies() {
    }

    /** {@code {"event":"help.new","request":HELP}}. */
    public static String json(String event, HelpView help) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("request", help);
        return ProtocolJson.write(body);
    }

    /** {@code {"event":"kiosk.silent","kiosk":KIOSK}}. */
    public static String json(String event, KioskView kiosk) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("kiosk", kiosk);
        return ProtocolJson.write(body);
    }

    /** 【设备失联】大村 村委会活动室 已超过15分钟没有联系（最后联系 18:02），请检查设备的电源和网络. */
    public static String silentText(FleetChange change, ZoneId zone, Duration silentAfter) {
        return "【设备失联】" + kiosk(change.kiosk()) + " 已超过" + silentAfter.toMinutes() + "分钟没有联系"
                + since(change, zone) + "，老人求助可能发不出来，请检查设备的电源和网络";
    }

    /** 【设备恢复】大村 村委会活动室 18:40 恢复联系（18:02 起失联）. */
    public static String backText(FleetChange change, ZoneId zone) {
        Instant back = change.kiosk().lastSeenAt();
        return "【设备恢复】" + kiosk(change.kiosk()) + (back == null ? "" : " " + CLOCK.format(back.atZone(zone)))
                + " 恢复联系" + (change.silentSince() == null ? ""
                        : "（" + CLOCK.format(change.silentSince().atZone(zone)) + " 起失联）");
    }

    private static String kiosk(KioskView kiosk) {
        return (kiosk.village() == null ? "" : kiosk.village() + " ") + (kiosk.name() == null ? kiosk.id() : kiosk.name());
    }

    private static String since(FleetChange change, ZoneId zone) {
        return change.silentSince() == null ? "" : "（最后联系 " + CLOCK.format(change.silentSince().atZone(zone)) + "）";
    }

    /** {@code {"msgtype":"text","text":{"content":"..."}}} with {@code content}. */
    public static String wecom(String content) {
        return ProtocolJson.write(Map.of("msgtype", "text", "text", Map.of("content", content)));
    }

    public static String newText(HelpView help, ZoneId zone) {
        return "【求助】" + where(help, zone) + " 新求助" + category(help.request()) + "，请尽快处理";
    }

    public static String overdueText(HelpView help, ZoneId zone, Duration overdueAfter) {
        return "【求助超时】" + where(help, zone) + " 的求助已超过" + overdueAfter.toMinutes() + "分钟无人受理，请尽快处理";
    }

    public static String resolvedText(HelpView help, ZoneId zone) {
        String who = help.request().assignee() != null ? help.request().assignee() : help.request().acknowledgedBy();
        return "【已解决】" + where(help, zone) + " 的求助已处理完毕" + (who == null ? "" : "（" + who + "）");
    }

    /** Village, kiosk name and the time of the press: the kiosk's if its clock was trusted, else the hub's. */
    private static String where(HelpView help, ZoneId zone) {
        HelpRequest request = help.request();
        Instant at = request.clockTrusted() ? request.occurredAt() : request.receivedAt();
        String village = request.village() == null ? "" : request.village() + " ";
        String kiosk = help.kioskName() == null ? request.kioskId() : help.kioskName();
        return village + kiosk + " " + CLOCK.format(at.atZone(zone));
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
