package org.courtyard.hub.notify.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.courtyard.hub.help.HelpView;
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
