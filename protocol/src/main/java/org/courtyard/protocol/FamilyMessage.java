package org.courtyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A family member's voice message to a resident, as the kiosks of the resident's village get it
 * in a sync answer ({@code messages}): who it is for, from whom (their relation, which the kiosk
 * speaks), when it was sent, its audio on the hub (fetched by checksum from
 * {@code GET /api/v1/family-messages/{id}/audio}), and when it was heard, anywhere (null while
 * nobody has). A message the hub deleted (its 90 days are over, or staff removed it) comes once more
 * with {@code deleted} true and no audio: the kiosk forgets it and its audio.
 *
 * @param relation a {@link FamilyRelation} name; read with {@link FamilyRelation#fromWire}
 */
public record FamilyMessage(String id, String residentId, String relation, Instant sentAt, AudioRef audio,
        Instant heardAt, @JsonProperty(required = true) boolean deleted) {

    public FamilyMessage {
        Require.text(id, "id");
        Require.text(residentId, "residentId");
        if (!deleted) {
            Require.text(relation, "relation");
            Require.present(sentAt, "sentAt");
            Require.present(audio, "audio");
        }
    }

    /** The tombstone of a deleted message. */
    public static FamilyMessage deleted(String id, String residentId) {
        return new FamilyMessage(id, residentId, null, null, null, null, true);
    }
}
