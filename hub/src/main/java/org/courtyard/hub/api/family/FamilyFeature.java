package org.courtyard.hub.api.family;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.api.residents.ResidentsFeature;
import org.courtyard.hub.family.FamilyContacts;
import org.courtyard.hub.family.FamilyDay;
import org.courtyard.hub.family.FamilyMessages;
import org.courtyard.hub.family.FamilySchema;
import org.courtyard.hub.family.FamilySettings;
import org.courtyard.hub.family.MessagesPart;
import org.courtyard.hub.store.Migration;
import org.courtyard.protocol.MessageDelivered;
import org.courtyard.protocol.MessageHeard;

/**
 * 空中陪护 (docs/family.md): family contacts and their invitations (staff routes), the family page's
 * own caller (a family session, looked up after staff and kiosks) and routes under
 * {@code /api/v1/family/}, voice messages both ways with the kiosks' part {@code messages}, the
 * events MESSAGE_DELIVERED and MESSAGE_HEARD, the kiosks' audio and reply routes, and the periodic
 * check {@value #RETENTION_CHECK} that deletes old messages.
 */
public final class FamilyFeature implements Feature {

    /** The periodic check that deletes messages past their retention. */
    public static final String RETENTION_CHECK = "family.retention";

    private final ResidentsFeature residents;
    private final FamilySettings settings;
    private final Path messageDir;

    /** @param messageDir where the messages' audio is kept, one WAV file per SHA-256 */
    public FamilyFeature(ResidentsFeature residents, FamilySettings settings, Path messageDir) {
        this.residents = residents;
        this.settings = settings;
        this.messageDir = messageDir;
    }

    @Override
    public String name() {
        return "family";
    }

    @Override
    public List<Migration> migrations() {
        return FamilySchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        FamilyContacts contacts = new FamilyContacts(hub.database(), hub.clock(), residents.residents(), settings);
        FamilyMessages messages = new FamilyMessages(hub.database(), hub.clock(), messageDir, settings);
        hub.authenticator().add(contacts::bySessionHash);
        messages.addListener(villages -> hub.longPolls().wakeVillages(villages));

        hub.sync().on(MessageDelivered.class, messages::delivered);
        hub.sync().on(MessageHeard.class, messages::heard);
        hub.sync().addPart(new MessagesPart(messages));
        hub.every(RETENTION_CHECK, Duration.ofHours(1), messages::purge);

        new ContactRoutes(contacts, hub.audit()).register(hub);
        new FamilyPageRoutes(contacts, messages, new FamilyDay(hub.database(), hub.clock(), hub.zone()), settings,
                hub.audit(), hub.clock()).register(hub);
        new KioskMessageRoutes(messages).register(hub);
    }
}
