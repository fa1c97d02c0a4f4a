package org.courtyard.hub.help;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.courtyard.hub.notify.Notice;
import org.courtyard.hub.notify.WebhookBodies;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookMessage;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.hub.residents.Cadres;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.residents.Villages;
import org.courtyard.protocol.HelpRequest;
import org.courtyard.protocol.HelpStatus;

/**
 * The webhook messages of help requests: {@code help.new}, {@code help.overdue},
 * {@code help.resolved}, {@code help.repeated} (再次求助) and {@code help.person} (the kiosk learnt
 * who asked), queued in the transaction that makes the change and sent once it committed; the JSON
 * body's {@code request} is HELP, with the person who asked in {@code resident}. New, overdue and
 * repeated ones (and the person once named) are addressed to the people who must act: the person asking
 * (when the request names them), their paired cadres and the village's duty phone, @-mentioned by
 * the group robots; the text is Chinese for the township's groups and links to the request.
 */
public final class HelpNotices implements HelpOutbox, HelpListener {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * Who is to be told of a request: the person asking, their paired cadres, and the village's
     * duty phone (值班电话); each may be absent.
     */
    private record People(String residentName, List<Cadres.Contact> cadres, String dutyPhone) {

        static final People NOBODY = new People(null, List.of(), null);

        /** The numbers to @-mention: the cadres', then the duty phone. */
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

    private final Webhooks webhooks;
    private final ZoneId zone;
    private final Duration overdueAfter;

    public HelpNotices(Webhooks webhooks, ZoneId zone, Duration overdueAfter) {
        this.webhooks = webhooks;
        this.zone = zone;
        this.overdueAfter = overdueAfter;
    }

    @Override
    public void record(Connection connection, HelpChange change) throws SQLException {
        Optional<WebhookEvent> event = eventOf(change);
        if (event.isEmpty()) {
            return;
        }
        HelpView help = change.help();
        WebhookMessage message = switch (event.get()) {
            case NEW -> {
                People people = people(connection, help);
                yield new WebhookMessage(json(event.get(), help, people), Notice.alone("【求助】" + where(help, people)
                        + " 新求助" + category(help.request()) + "，请尽快处理" + people.tail(), people.mentions(),
                        page(help)));
            }
            case OVERDUE -> {
                People people = people(connection, help);
                yield new WebhookMessage(json(event.get(), help, people), Notice.alone("【求助超时】" + where(help, people)
                        + " 的求助已超过" + overdueAfter.toMinutes() + "分钟无人受理，请尽快处理" + people.tail(),
                        people.mentions(), page(help)));
            }
            case REPEATED -> {
                People people = people(connection, help);
                yield new WebhookMessage(json(event.get(), help, people), Notice.alone("【再次求助】"
                        + where(help, people) + " 的求助又按了一次（共按" + (help.request().repeatCount() + 1)
                        + "次），现在" + statusWord(help.request()) + "，请尽快处理" + people.tail(),
                        people.mentions(), page(help)));
            }
            case PERSON -> {
                People people = people(connection, help);
                yield new WebhookMessage(json(event.get(), help, people), Notice.alone("【求助人】"
                        + where(help, people) + " 的求助" + people.tail(), people.mentions(), page(help)));
            }
            case RESOLVED -> {
                String who = help.request().assignee() != null ? help.request().assignee()
                        : help.request().acknowledgedBy();
                yield new WebhookMessage(WebhookBodies.json(event.get(), "request", help), Notice.alone("【已解决】"
                        + where(help, People.NOBODY) + " 的求助已处理完毕" + (who == null ? "" : "（" + who + "）"),
                        List.of(), page(help)));
            }
            default -> throw new IllegalStateException("a help request never makes " + event.get());
        };
        webhooks.queue(connection, event.get(), message);
    }

    @Override
    public void changed(HelpChange change) {
        if (eventOf(change).isPresent()) {
            webhooks.wake();
        }
    }

    private static Optional<WebhookEvent> eventOf(HelpChange change) {
        return switch (change.kind()) {
            case CREATED -> Optional.of(WebhookEvent.NEW);
            case OVERDUE -> Optional.of(WebhookEvent.OVERDUE);
            case DETAILS -> change.personNamed() ? Optional.of(WebhookEvent.PERSON) : Optional.empty();
            case REPEATED -> Optional.of(WebhookEvent.REPEATED);
            case UPDATED -> change.help().request().status() == HelpStatus.RESOLVED
                    ? Optional.of(WebhookEvent.RESOLVED)
                    : Optional.empty();
        };
    }

    /** {@code {"event","request","cadres":[{"id","name","phone"}],"dutyPhone"}}. */
    private static String json(WebhookEvent event, HelpView help, People people) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request", help);
        fields.put("cadres", people.cadres());
        fields.put("dutyPhone", people.dutyPhone());
        return WebhookBodies.json(event, fields);
    }

    /** The person asking (when the request names one), their paired cadres and the village's duty phone. */
    private static People people(Connection connection, HelpView help) throws SQLException {
        String residentId = help.request().residentId();
        Optional<String> name = residentId == null ? Optional.empty() : Residents.nameOf(connection, residentId);
        List<Cadres.Contact> cadres = name.isPresent() ? Cadres.contactsOf(connection, residentId) : List.of();
        String village = help.request().village();
        Optional<String> dutyPhone = village == null ? Optional.empty() : Villages.dutyPhone(connection, village);
        return new People(name.orElse(null), cadres, dutyPhone.orElse(null));
    }

    /** The staff page's part that opens the request. */
    private static String page(HelpView help) {
        return "help/" + help.request().id();
    }

    /**
     * Village, kiosk name and the time of the press (the kiosk's if its clock was trusted, else the
     * hub's), and the person asking when known. A home unit's request says 居家 instead of the
     * kiosk and adds the address staff go to: {@code 和平村 居家 18:02 张桂英（和平村3组12号）}.
     */
    private String where(HelpView help, People people) {
        HelpRequest request = help.request();
        Instant at = request.clockTrusted() ? request.occurredAt() : request.receivedAt();
        String village = request.village() == null ? "" : request.village() + " ";
        String kiosk = help.fromHome() ? "居家" : help.kioskName() == null ? request.kioskId() : help.kioskName();
        String address = help.fromHome() && help.resident() != null && help.resident().address() != null
                ? "（" + help.resident().address() + "）" : "";
        return village + kiosk + " " + CLOCK.format(at.atZone(zone))
                + (people.residentName() == null ? "" : " " + people.residentName() + address);
    }

    private static String statusWord(HelpRequest request) {
        return switch (request.status()) {
            case NEW -> "还没有人受理";
            case ACKNOWLEDGED -> "已由" + (request.acknowledgedBy() == null ? "工作人员" : request.acknowledgedBy()) + "受理";
            case ASSIGNED -> "已指派" + (request.assignee() == null ? "" : request.assignee());
            case RESOLVED -> "已标记为解决";
            case CANCELLED -> "已取消";
        };
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
