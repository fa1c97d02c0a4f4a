package org.courtyard.hub.kiosk;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.courtyard.hub.notify.Notice;
import org.courtyard.hub.notify.WebhookBodies;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookMessage;
import org.courtyard.hub.notify.Webhooks;

/**
 * The webhook messages of the fleet: {@code kiosk.silent} and {@code kiosk.back}, queued in the
 * transaction that records the change and sent once it committed. The group robots' text is Chinese
 * for the township's groups; when many come at once a robot may fold them into one digest.
 */
public final class FleetNotices implements FleetOutbox, FleetListener {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final Webhooks webhooks;
    private final ZoneId zone;
    private final Duration silentAfter;

    public FleetNotices(Webhooks webhooks, ZoneId zone, Duration silentAfter) {
        this.webhooks = webhooks;
        this.zone = zone;
        this.silentAfter = silentAfter;
    }

    @Override
    public void record(Connection connection, FleetChange change) throws SQLException {
        boolean silent = change.kind() == FleetChange.Kind.SILENT;
        WebhookEvent event = silent ? WebhookEvent.SILENT : WebhookEvent.BACK;
        // In a digest of many, a kiosk is its village and name; the staff page's 设备状态 has the rest.
        webhooks.queue(connection, event, new WebhookMessage(WebhookBodies.json(event, "kiosk", change.kiosk()),
                new Notice(silent ? silentText(change) : backText(change), List.of(), "kiosks",
                        kiosk(change.kiosk()))));
    }

    @Override
    public void changed(FleetChange change) {
        webhooks.wake();
    }

    /** 【设备失联】大村 村委会活动室 已超过15分钟没有联系（最后联系 18:02），请检查设备的电源和网络. */
    private String silentText(FleetChange change) {
        return "【设备失联】" + kiosk(change.kiosk()) + " 已超过" + silentAfter.toMinutes() + "分钟没有联系"
                + since(change) + "，老人求助可能发不出来，请检查设备的电源和网络";
    }

    /** 【设备恢复】大村 村委会活动室 18:40 恢复联系（18:02 起失联）. */
    private String backText(FleetChange change) {
        Instant back = change.kiosk().lastSeenAt();
        return "【设备恢复】" + kiosk(change.kiosk()) + (back == null ? "" : " " + CLOCK.format(back.atZone(zone)))
                + " 恢复联系" + (change.silentSince() == null ? ""
                        : "（" + CLOCK.format(change.silentSince().atZone(zone)) + " 起失联）");
    }

    private static String kiosk(KioskView kiosk) {
        return (kiosk.village() == null ? "" : kiosk.village() + " ") + (kiosk.name() == null ? kiosk.id() : kiosk.name());
    }

    private String since(FleetChange change) {
        return change.silentSince() == null ? "" : "（最后联系 " + CLOCK.format(change.silentSince().atZone(zone)) + "）";
    }
}
