package org.courtyard.hub.home;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.courtyard.hub.kiosk.FleetChange;
import org.courtyard.hub.kiosk.FleetListener;
import org.courtyard.hub.kiosk.FleetOutbox;
import org.courtyard.hub.kiosk.KioskView;
import org.courtyard.hub.notify.Notice;
import org.courtyard.hub.notify.WebhookBodies;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookMessage;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.hub.residents.Cadres;

/**
 * The webhook messages of a home unit going offline (「居家呼叫器离线」, {@code home.offline}) and
 * coming back ({@code home.back}), addressed to the resident's paired cadres: in JSON with the
 * unit, its resident's address and the cadres with their phones; for the group robots as a text
 * that names the cadres and @-mentions them by phone, linking to the staff page's 设备状态. Queued
 * in the transaction that records the change; sent once it committed.
 */
public final class HomeNotices implements FleetOutbox, FleetListener {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final Webhooks webhooks;
    private final HomeUnits units;
    private final ZoneId zone;
    private final Duration silentAfter;

    public HomeNotices(Webhooks webhooks, HomeUnits units, ZoneId zone, Duration silentAfter) {
        this.webhooks = webhooks;
        this.units = units;
        this.zone = zone;
        this.silentAfter = silentAfter;
    }

    @Override
    public void record(Connection connection, FleetChange change) throws SQLException {
        HomeUnitView unit = units.describe(connection, change.kiosk());
        List<Cadres.Contact> cadres = change.kiosk().resident() == null ? List.of()
                : Cadres.contactsOf(connection, change.kiosk().resident().id());
        boolean offline = change.kind() == FleetChange.Kind.SILENT;
        WebhookEvent event = offline ? WebhookEvent.HOME_OFFLINE : WebhookEvent.HOME_BACK;
        // Offline goes alone with the cadres @-mentioned; back may be folded into a digest.
        Notice notice = offline
                ? Notice.alone(offlineText(unit, change, cadres), cadres.stream().map(Cadres.Contact::phone).toList(),
                        "kiosks")
                : new Notice(backText(unit, change), List.of(), "kiosks", who(unit));
        webhooks.queue(connection, event, new WebhookMessage(json(event, unit, cadres), notice));
    }

    @Override
    public void changed(FleetChange change) {
        webhooks.wake();
    }

    /** {@code {"event","unit":HOME_UNIT,"cadres":[{"id","name","phone"}]}}. */
    private static String json(WebhookEvent event, HomeUnitView unit, List<Cadres.Contact> cadres) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("unit", unit);
        fields.put("cadres", cadres);
        return WebhookBodies.json(event, fields);
    }

    /**
     * {@code 【居家呼叫器离线】和平村 张桂英（和平村3组12号）家的居家呼叫器已超过30分钟没有联系（最后联系 18:02），
     * 老人按求助可能发不出来。请结对干部李建华尽快上门或打电话看看，并检查呼叫器的电源和网络。}
     */
    String offlineText(HomeUnitView unit, FleetChange change, List<Cadres.Contact> cadres) {
        String ask = cadres.isEmpty()
                ? "尚无结对干部，请村委会尽快上门或打电话看看"
                : "请结对干部" + cadres.stream().map(Cadres.Contact::name).collect(Collectors.joining("、"))
                        + "尽快上门或打电话看看";
        return "【居家呼叫器离线】" + who(unit) + "家的居家呼叫器已超过" + silentAfter.toMinutes() + "分钟没有联系"
                + at("（最后联系 ", change.silentSince(), "）") + "，老人按求助可能发不出来。" + ask
                + "，并检查呼叫器的电源和网络。";
    }

    /** {@code 【居家呼叫器恢复】和平村 张桂英家的居家呼叫器 18:40 恢复联系（18:02 起离线）。} */
    String backText(HomeUnitView unit, FleetChange change) {
        KioskView kiosk = unit.kiosk();
        return "【居家呼叫器恢复】" + kiosk.village() + " " + residentName(kiosk) + "家的居家呼叫器"
                + at(" ", kiosk.lastSeenAt(), "") + " 恢复联系" + at("（", change.silentSince(), " 起离线）") + "。";
    }

    private static String who(HomeUnitView unit) {
        return unit.kiosk().village() + " " + residentName(unit.kiosk())
                + (unit.address() == null ? "" : "（" + unit.address() + "）");
    }

    private static String residentName(KioskView kiosk) {
        return kiosk.resident() != null && kiosk.resident().name() != null ? kiosk.resident().name() : kiosk.name();
    }

    private String at(String before, Instant instant, String after) {
        return instant == null ? "" : before + CLOCK.format(instant.atZone(zone)) + after;
    }
}
