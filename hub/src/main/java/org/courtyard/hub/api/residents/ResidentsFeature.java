package org.courtyard.hub.api.residents;

import java.nio.file.Path;
import java.util.List;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.residents.Cadres;
import org.courtyard.hub.residents.Ledger;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.residents.ResidentsSchema;
import org.courtyard.hub.residents.RosterPart;
import org.courtyard.hub.residents.RoundIntake;
import org.courtyard.hub.residents.Villages;
import org.courtyard.hub.store.Migration;

/**
 * The ledger: residents and cadres, photos, the CSV import and export, the villages' settings (the
 * duty phone), and the village's roster as the sync part {@code residents}/{@code cadres}; a roster
 * change wakes the village's kiosks.
 */
public final class ResidentsFeature implements Feature {

    private final Path photoDir;
    private Residents residents;
    /** Who takes a person found by a survey round; until a survey is installed, nobody. */
    private RoundIntake roundIntake = (user, round, input, trail) -> {
        throw Refusal.invalidField("round", "field 'round' names a survey round, but this hub runs no survey");
    };

    /** @param photoDir where residents' photos are kept, one JPEG per SHA-256 */
    public ResidentsFeature(Path photoDir) {
        this.photoDir = photoDir;
    }

    @Override
    public String name() {
        return "residents";
    }

    @Override
    public List<Migration> migrations() {
        return ResidentsSchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        residents = new Residents(hub.database(), hub.clock(), photoDir);
        residents.fillSearchKeys();
        residents.buildVillageCounts();
        // A new resident or PIN reaches the village's kiosks within a second, not at their next sync.
        residents.addRosterListener(villages -> hub.longPolls().wakeVillages(villages));
        hub.sync().addPart(new RosterPart(residents));
        new ResidentRoutes(residents, new Ledger(hub.database(), residents), hub.audit(), () -> roundIntake)
                .register(hub);
        new CadreRoutes(new Cadres(hub.database(), hub.clock(), residents), hub.audit()).register(hub);
        new VillageRoutes(new Villages(hub.database(), hub.clock(), residents), hub.audit()).register(hub);
    }

    /**
     * Lets {@code intake} (the survey's) add the people {@code POST /api/v1/residents} names with a
     * {@code "round"}; a feature installed after this one calls it from its {@code install}.
     */
    public void acceptRoundIntake(RoundIntake intake) {
        this.roundIntake = intake;
    }

    /** The ledger, for features installed after this one. */
    public Residents residents() {
        if (residents == null) {
            throw new IllegalStateException("the residents feature is not installed yet");
        }
        return residents;
    }
}
