package org.courtyard.hub.help;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.courtyard.hub.notify.WebhookBodies;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.protocol.HelpRequest;
import org.courtyard.protocol.HelpStatus;

/**
 * The webhook messages of help requests: {@code help.new}, {@code help.overdue} and
 * {@code help.resolved}, queued in the transaction that makes the change and sent once it
 * committed. The WeCom text is Chinese for the township's staff group.
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
            case DETAILS -> Optional.empty();
            case UPDATED -> change.help().request().status() == HelpStatus.RESOLVED
                    ? Optional.of(WebhookEvent.RESOLVED)
                    : Optional.empty();
        };
    }

    private String text(WebhookEvent event, HelpView help) {
        return switch (event) {
            case NEW -> "【求助】" + where(help) + " 新求助" + category(help.request()) + "，请尽快处理";
            case OVERDUE -> "【求助超时】" + where(help) + " 的求助已超过" + overdueAfter.toMinutes() + "分钟无人受理，请尽快处理";
            case RESOLVED -> {
                String who = help.request().assignee() != null ? help.request().assignee()
                        : help.request().acknowledgedBy();
                yield "【已解决】" + where(help) + " 的求助已处理完毕" + (who == null ? "" : "（" + who + "）");
            }
            default -> throw new IllegalStateException("a help request never makes " + event);
        };
    }

    /**
     * Village, kiosk name and the time of the press: the kiosk's if its clock was trusted, else the
     * hub's. A home unit's request names its resident and address instead of the kiosk:
     * {@code 和平村 居家 张桂英（和平村3组12号）}.
     */
    private String where(HelpView help) {
        HelpRequest request = help.request();
        Instant at = request.clockTrusted() ? request.occurredAt() : request.receivedAt();
        String village = request.village() == null ? "" : request.village() + " ";
        String kiosk = help.kioskName() == null ? request.kioskId() : help.kioskName();
        if (help.fromHome() && help.resident() != null && help.resident().name() != null) {
            kiosk = "居家 " + help.resident().name()
                    + (help.resident().address() == null ? "" : "（" + help.resident().address() + "）");
        }
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
