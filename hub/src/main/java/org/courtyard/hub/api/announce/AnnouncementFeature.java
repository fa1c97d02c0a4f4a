package org.courtyard.hub.api.announce;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.courtyard.hub.announce.AnnounceSchema;
import org.courtyard.hub.announce.AnnounceSettings;
import org.courtyard.hub.announce.AnnouncementAudio;
import org.courtyard.hub.announce.AnnouncementEvents;
import org.courtyard.hub.announce.Announcements;
import org.courtyard.hub.announce.AnnouncementsPart;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.api.kiosk.KioskFeature;
import org.courtyard.hub.store.Migration;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.AudioDownloaded;

/**
 * Announcements: the staff routes and the audio, the sync part {@code announcements} (a change
 * wakes the kiosks it concerns), the events ANNOUNCEMENT_PLAYED and AUDIO_DOWNLOADED on the
 * delivery board, and the live event {@code announcement-delivery} when a kiosk's row of a board
 * changes.
 */
public final class AnnouncementFeature implements Feature {

    private final KioskFeature kiosks;
    private final Path dataDir;
    private final AnnounceSettings settings;

    /**
     * @param kiosks the kiosk registry, installed before this feature (targets name kiosks)
     * @param dataDir the hub's data directory; the audio goes into its {@code audio} folder
     */
    public AnnouncementFeature(KioskFeature kiosks, Path dataDir, AnnounceSettings settings) {
        this.kiosks = kiosks;
        this.dataDir = dataDir;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "announce";
    }

    @Override
    public List<Migration> migrations() {
        return AnnounceSchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        Announcements announcements = new Announcements(hub.database(), hub.clock(), kiosks.kiosks());
        announcements.addListener((announcement, kioskIds) -> hub.longPolls().wake(kioskIds));
        announcements.addDeliveryListener((announcementId, kioskId, village) -> hub.stream().publish(
                "announcement-delivery", Optional.of(village),
                Map.of("announcementId", announcementId, "kioskId", kioskId, "village", village)));
        hub.sync().addPart(new AnnouncementsPart(announcements, hub.database()));
        AnnouncementEvents events = new AnnouncementEvents(announcements);
        hub.sync().on(AnnouncementPlayed.class, events::played);
        hub.sync().on(AudioDownloaded.class, events::downloaded);
        new AnnouncementRoutes(announcements, new AnnouncementAudio(dataDir, settings), hub.audit()).register(hub);
    }
}
