package org.courtyard.hub.api.survey;

import java.util.List;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.api.residents.ResidentsFeature;
import org.courtyard.hub.store.Migration;
import org.courtyard.hub.survey.Criteria;
import org.courtyard.hub.survey.SurveyRounds;
import org.courtyard.hub.survey.SurveySchema;

/**
 * The half-yearly survey (半年一动态): rounds, reviews applied to the ledger, flags and decisions,
 * snapshots and the diff between rounds; and the people a round finds, added through
 * {@code POST /api/v1/residents} with {@code "round"}. Installed after the residents feature.
 */
public final class SurveyFeature implements Feature {

    private final ResidentsFeature residents;
    private final Criteria criteria;

    /** @param criteria the inclusion criteria of a round opened without its own ({@code survey.*}) */
    public SurveyFeature(ResidentsFeature residents, Criteria criteria) {
        this.residents = residents;
        this.criteria = criteria;
    }

    @Override
    public String name() {
        return "survey";
    }

    @Override
    public List<Migration> migrations() {
        return SurveySchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        SurveyRounds survey = new SurveyRounds(hub.database(), hub.clock(), hub.zone(), residents.residents(), criteria);
        residents.acceptRoundIntake(survey::add);
        new SurveyRoutes(survey, hub.audit()).register(hub);
    }
}
