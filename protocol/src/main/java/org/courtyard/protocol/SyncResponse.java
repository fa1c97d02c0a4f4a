package org.courtyard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The hub's answer to a sync: which events it stored (or had already), which it refused and why,
 * a new cursor, what the kiosk should know since its old cursor, and the hub's clock.
 *
 * <p>Unlike the other lists, {@code residents} and {@code cadres} are <em>nullable</em>, and null
 * means something: the village's roster has not changed since the kiosk's cursor, so the kiosk
 * keeps what it has. A list (possibly empty) is the complete current roster of the kiosk's village
 * and replaces what the kiosk has. An older hub that does not send them is read as "unchanged".
 * {@code village} (the village's name and duty phone) is part of the roster and follows the same
 * rule: null is "unchanged".
 *
 * <p>{@code messages} are the family messages to the village's residents that are new or changed
 * (heard, deleted) since the kiosk's cursor; absent reads as none.
 *
 * <p>{@code homeResident} is for home units only, which get no roster: the one resident the unit
 * is bound to, when it changed since the unit's cursor; null (or absent, as in every courtyard
 * kiosk's answer) is "unchanged".
 */
public record SyncResponse(List<UUID> accepted, List<Rejection> rejected, String cursor,
        List<Announcement> announcements, List<HelpUpdate> helpUpdates, Instant serverTime,
        List<ResidentCard> residents, List<CadreCard> cadres, VillageCard village, List<FamilyMessage> messages,
        @JsonInclude(JsonInclude.Include.NON_NULL) ResidentCard homeResident) {

    @JsonCreator
    public SyncResponse {
        accepted = Require.list(accepted, "accepted");
        rejected = Require.list(rejected, "rejected");
        Require.text(cursor, "cursor");
        announcements = Require.list(announcements, "announcements");
        helpUpdates = Require.list(helpUpdates, "helpUpdates");
        Require.present(serverTime, "serverTime");
        residents = residents == null ? null : Require.list(residents, "residents");
        cadres = cadres == null ? null : Require.list(cadres, "cadres");
        messages = Require.list(messages, "messages");
    }

    /** An answer to a courtyard kiosk (no home unit's resident). */
    public SyncResponse(List<UUID> accepted, List<Rejection> rejected, String cursor,
            List<Announcement> announcements, List<HelpUpdate> helpUpdates, Instant serverTime,
            List<ResidentCard> residents, List<CadreCard> cadres, VillageCard village, List<FamilyMessage> messages) {
        this(accepted, rejected, cursor, announcements, helpUpdates, serverTime, residents, cadres, village, messages,
                null);
    }

    /** An answer without the village's card (its roster part unchanged, or from a hub before it). */
    public SyncResponse(List<UUID> accepted, List<Rejection> rejected, String cursor,
            List<Announcement> announcements, List<HelpUpdate> helpUpdates, Instant serverTime,
            List<ResidentCard> residents, List<CadreCard> cadres, List<FamilyMessage> messages) {
        this(accepted, rejected, cursor, announcements, helpUpdates, serverTime, residents, cadres, null, messages);
    }

    /** True when this answer carries the village's roster (residents, cadres, the village's card). */
    public boolean hasRoster() {
        return residents != null || cadres != null || village != null;
    }
}
