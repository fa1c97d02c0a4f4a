package org.courtyard.kiosk.core;

import java.util.Map;

/**
 * Family messages as the screens show them (docs/family.md): how many unheard messages each
 * resident has (the envelope on their tile), and what the messages screen shows now.
 *
 * @param unheard unheard messages by resident id; residents without any are absent
 * @param shown what the {@link Screen#MESSAGES} screen shows, or null off it
 */
public record FamilyView(Map<String, Integer> unheard, Shown shown) {

    public static final FamilyView NONE = new FamilyView(Map.of(), null);

    /** Where the messages screen is: asking, playing, played (再听一遍, 回复), recording a reply, reply kept. */
    public enum Phase {
        OFFER,
        PLAYING,
        PLAYED,
        RECORDING,
        REPLIED
    }

    /**
     * The message the screen is about.
     *
     * @param relation a {@link org.courtyard.protocol.FamilyRelation} name: who sent it
     * @param more unheard messages of the resident after this one
     */
    public record Shown(String residentId, String residentName, String messageId, String relation, Phase phase,
            int more) {

        public Shown withPhase(Phase value) {
            return new Shown(residentId, residentName, messageId, relation, value, more);
        }
    }

    public FamilyView {
        unheard = Map.copyOf(unheard);
    }

    /** Unheard messages of {@code residentId}; 0 for none. */
    public int unheardOf(String residentId) {
        return unheard.getOrDefault(residentId, 0);
    }

    public FamilyView withUnheard(Map<String, Integer> value) {
        return new FamilyView(value, shown);
    }

    public FamilyView withShown(Shown value) {
        return new FamilyView(unheard, value);
    }
}
