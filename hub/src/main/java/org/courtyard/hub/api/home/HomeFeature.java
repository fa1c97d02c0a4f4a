package org.courtyard.hub.api.home;

import static org.eclipse.jetty.http.HttpMethod.GET;

import java.time.Duration;
import java.util.Optional;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.api.kiosk.KioskFeature;
import org.courtyard.hub.api.residents.ResidentsFeature;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.hub.home.HomeNotices;
import org.courtyard.hub.home.HomeResidence;
import org.courtyard.hub.home.HomeResidentPart;
import org.courtyard.hub.home.HomeUnits;
import org.courtyard.hub.kiosk.FleetChange;
import org.courtyard.hub.web.Paging;
import org.courtyard.hub.web.Reply;

/**
 * Home units (居家呼叫器): the kiosk registry binds HOME units to the ledger's residents; a unit's
 * sync answers carry its resident's card ({@code homeResident}); a unit not heard from for
 * {@code home.silent-minutes} raises 「居家呼叫器离线」 (live events {@code home-offline} and
 * {@code home-back}, webhooks {@code home.offline} and {@code home.back} to the paired cadres);
 * {@code GET /api/v1/home-units} lists the units with their residents' addresses and cadres.
 * Installed after the kiosks and the ledger, whose objects it uses.
 */
public final class HomeFeature implements Feature {

    /** The home units' list pages as the kiosks' does (docs/api.md "Paging"). */
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;

    /** The stream's event when a home unit goes offline. */
    public static final String OFFLINE_EVENT = "home-offline";
    /** The stream's event when an offline home unit is back. */
    public static final String BACK_EVENT = "home-back";

    private final KioskFeature kiosks;
    private final ResidentsFeature residents;
    private final Duration silentAfter;

    /**
     * @param kiosks the kiosk registry and fleet watch, installed before this feature
     * @param residents the ledger, installed before this feature
     * @param silentAfter a home unit that has not synced this long raises the offline alert
     */
    public HomeFeature(KioskFeature kiosks, ResidentsFeature residents, Duration silentAfter) {
        this.kiosks = kiosks;
        this.residents = residents;
        this.silentAfter = silentAfter;
    }

    @Override
    public String name() {
        return "home";
    }

    @Override
    public void install(FeatureContext hub) {
        kiosks.kiosks().bindHomesWith(new HomeResidence());
        HomeUnits units = new HomeUnits(hub.database(), kiosks.kiosks(), residents.residents());

        HomeNotices notices = new HomeNotices(hub.webhooks(), units, hub.zone(), silentAfter);
        kiosks.fleet().watch(KioskKind.HOME, silentAfter, "home.silent-minutes", notices);
        kiosks.fleet().addListener(change -> {
            if (change.kiosk().home()) {
                notices.changed(change);
                hub.stream().publish(change.kind() == FleetChange.Kind.SILENT ? OFFLINE_EVENT : BACK_EVENT,
                        Optional.of(change.kiosk().village()), units.describe(change.kiosk()));
            }
        });

        hub.sync().addPart(new HomeResidentPart(hub.database(), residents.residents()));
        // With residentId: that resident's unit, none or one (whole). Without: every unit, paged.
        hub.route(GET, "/api/v1/home-units", Access.STAFF, (exchange, user) -> {
            Optional<String> residentId = exchange.query("residentId");
            if (residentId.isPresent()) {
                return Reply.ok(units.ofResident(user, residentId.get()));
            }
            return Paging.reply(exchange, units.list(user, exchange.query("village"),
                    Paging.request(exchange, DEFAULT_LIMIT, MAX_LIMIT)));
        });
    }
}
