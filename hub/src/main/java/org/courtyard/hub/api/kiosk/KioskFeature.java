package org.courtyard.hub.api.kiosk;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.hub.kiosk.Enrolment;
import org.courtyard.hub.auth.GuessThrottle;
import org.courtyard.hub.kiosk.FleetNotices;
import org.courtyard.hub.kiosk.FleetWatch;
import org.courtyard.hub.kiosk.KioskContact;
import org.courtyard.hub.kiosk.KioskSchema;
import org.courtyard.hub.kiosk.Kiosks;
import org.courtyard.hub.store.Migration;
import org.courtyard.protocol.Heartbeat;

/**
 * The kiosks: registration (courtyard kiosks and home units), enrolment and retirement, kiosk
 * tokens as callers, every sync as a contact and HEARTBEAT as the kiosk's health, the live events
 * {@code kiosk-seen}, {@code kiosk-silent} and {@code kiosk-back} (every kind), the webhooks
 * {@code kiosk.silent} and {@code kiosk.back} (courtyard kiosks; the home feature watches home
 * units), and the periodic check {@value #SILENT_CHECK}.
 */
public final class KioskFeature implements Feature {

    /** The periodic check that marks kiosks silent. */
    public static final String SILENT_CHECK = "kiosk.silent";

    private final Duration onlineWindow;
    private final Duration silentAfter;
    private final Duration checkEvery;
    private final Duration enrolmentCodeLifetime;
    private Kiosks kiosks;
    private FleetWatch fleet;

    /**
     * @param onlineWindow a kiosk counts as online if it synced within this long
     * @param silentAfter a courtyard kiosk that has not synced this long raises the silent-kiosk alert
     * @param checkEvery how often the hub looks for silent kiosks
     * @param enrolmentCodeLifetime how long a kiosk's enrolment code works
     */
    public KioskFeature(Duration onlineWindow, Duration silentAfter, Duration checkEvery,
            Duration enrolmentCodeLifetime) {
        this.onlineWindow = onlineWindow;
        this.silentAfter = silentAfter;
        this.checkEvery = checkEvery;
        this.enrolmentCodeLifetime = enrolmentCodeLifetime;
    }

    @Override
    public String name() {
        return "kiosk";
    }

    @Override
    public List<Migration> migrations() {
        return KioskSchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        kiosks = new Kiosks(hub.database(), hub.clock(), onlineWindow);
        hub.authenticator().add(kiosks::byTokenHash);

        FleetNotices notices = new FleetNotices(hub.webhooks(), hub.zone(), silentAfter);
        fleet = new FleetWatch(hub.database(), hub.clock(), kiosks);
        fleet.watch(KioskKind.COURTYARD, silentAfter, "kiosk.silent-minutes", notices);
        fleet.addListener(notices);
        fleet.addListener(change -> hub.stream().publish(switch (change.kind()) {
            case SILENT -> "kiosk-silent";
            case BACK -> "kiosk-back";
        }, Optional.of(change.kiosk().village()), change.kiosk()));
        hub.every(SILENT_CHECK, checkEvery, fleet::checkSilent);

        KioskContact contact = new KioskContact(kiosks);
        contact.addListener(kiosk -> hub.stream().publish("kiosk-seen", Optional.of(kiosk.village()), kiosk));
        contact.addListener(fleet);
        hub.sync().addBatchHook(contact);
        hub.sync().on(Heartbeat.class, contact::heartbeat);

        Enrolment enrolment = new Enrolment(hub.database(), hub.clock(), enrolmentCodeLifetime);
        new KioskRoutes(kiosks, enrolment, new GuessThrottle(hub.clock(), GuessThrottle.ENROLMENT), hub.audit()).register(hub);
    }

    /** The kiosk registry, for features installed after this one. */
    public Kiosks kiosks() {
        if (kiosks == null) {
            throw new IllegalStateException("the kiosk feature is not installed yet");
        }
        return kiosks;
    }

    /** The watch over the kiosks' contact, for features that watch a kind of kiosk of their own. */
    public FleetWatch fleet() {
        if (fleet == null) {
            throw new IllegalStateException("the kiosk feature is not installed yet");
        }
        return fleet;
    }
}
