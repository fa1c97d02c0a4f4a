package org.courtyard.hub.kiosk;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.courtyard.hub.notify.WebhookBodies;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.Webhooks;

/**
 * The webhook messages of the fleet: {@code kiosk.silent} and {@code kiosk.back}, queued in the
 * transaction that records the change and sent once it committed. The WeCom text is Chinese for
 * the township's staff group.
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
        WebhookEvent event = change.kind() == FleetChange.Kind.SILENT ? WebhookEvent.SILENT : WebhookEvent.BACK;
        webhooks.queue(connection, event, format -> switch (format) {
            case JSON -> WebhookBodies.json(event, "kiosk", change.kiosk());
            case WECOM -> WebhookBodies.wecom(change.kind() == FleetChange.Kind.SILENT ? silentText(change)
                    : backText(change));
        });
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
