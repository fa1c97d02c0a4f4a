package org.courtyard.hub.help;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.courtyard.hub.notify.WebhookBodies;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.protocol.HelpRequest;
import org.courtyard.protocol.HelpStatus;
import org.courtyard.protocol.ResidentType;

/**
 * The webhook messages of help requests: {@code help.new}, {@code help.overdue},
 * {@code help.resolved}, {@code help.repeated} (再次求助) and {@code help.person} (the kiosk learnt
 * who asked), queued in the transaction that makes the change and sent once it committed. The JSON
 * body's {@code request} is HELP, with the person who asked in {@code resident}; the WeCom text is
 * Chinese for the township's staff group and names the person and their paired cadres with phones.
 */
public final class HelpNotices implements HelpOutbox, HelpListener {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

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
        if (event.isPresent()) {
            webhooks.queue(connection, event.get(), format -> switch (format) {
                case JSON -> WebhookBodies.json(event.get(), "request", change.help());
                case WECOM -> WebhookBodies.wecom(text(event.get(), change.help()));
            });
        }
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

    private String text(WebhookEvent event, HelpView help) {
        return switch (event) {
            case NEW -> "【求助】" + where(help) + " 新求助" + category(help.request()) + "，请尽快处理" + person(help);
            case OVERDUE -> "【求助超时】" + where(help) + " 的求助已超过" + overdueAfter.toMinutes() + "分钟无人受理，请尽快处理"
                    + person(help);
            case REPEATED -> "【再次求助】" + where(help) + " 的求助又按了一次（第" + (help.request().repeatCount() + 1)
                    + "次），现在" + statusWord(help.request()) + "，请尽快处理" + person(help);
            case PERSON -> "【求助人】" + where(help) + " 的求助" + person(help);
            case RESOLVED -> {
                String who = help.request().assignee() != null ? help.request().assignee()
                        : help.request().acknowledgedBy();
                yield "【已解决】" + where(help) + " 的求助已处理完毕" + (who == null ? "" : "（" + who + "）");
            }
            default -> throw new IllegalStateException("a help request never makes " + event);
        };
    }

    /** Village, kiosk name and the time of the press: the kiosk's if its clock was trusted, else the hub's. */
    private String where(HelpView help) {
        HelpRequest request = help.request();
        Instant at = request.clockTrusted() ? request.occurredAt() : request.receivedAt();
        String village = request.village() == null ? "" : request.village() + " ";
        String kiosk = help.kioskName() == null ? request.kioskId() : help.kioskName();
        return village + kiosk + " " + CLOCK.format(at.atZone(zone));
    }

    /** 。求助人：张桂英（空巢老人，和平村3组12号）；结对干部：李建华 13800001111, or nothing without a person. */
    private static String person(HelpView help) {
        HelpPerson person = help.resident();
        if (person == null) {
            return "";
        }
        List<String> about = new ArrayList<>();
        about.add(person.type() == ResidentType.CHILD ? "留守儿童" : "空巢老人");
        if (person.address() != null && !person.address().isBlank()) {
            about.add(person.address());
        }
        StringBuilder text = new StringBuilder("。求助人：").append(person.name()).append('（')
                .append(String.join("，", about)).append('）');
        if (!person.cadres().isEmpty()) {
            text.append("；结对干部：").append(person.cadres().stream()
                    .map(cadre -> cadre.phone() == null ? cadre.name() : cadre.name() + " " + cadre.phone())
                    .collect(Collectors.joining("、")));
        }
        return text.toString();
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
