package org.courtyard.hub.help;

import java.time.Instant;
import java.util.List;
import org.courtyard.protocol.ResidentType;

/**
 * Who asked for help, as staff see them on the request (the {@code resident} of HELP): name, type,
 * tags, address, the photo's address on the hub, the paired cadres with their phones (in full: they
 * are who staff call first; only staff logins ever see a help request), and the last check-in.
 *
 * @param photoUrl {@code /api/v1/residents/ID/photo?v=…} for a staff session, or null without a photo
 */
public record HelpPerson(String id, String name, String village, ResidentType type, List<String> tags, String address,
        String photoUrl, List<Cadre> cadres, Instant lastCheckInAt) {

    /** A cadre paired with the person: whom to call. {@code phone} may be null. */
    public record Cadre(String id, String name, String phone) {
    }

    public HelpPerson {
        tags = List.copyOf(tags);
        cadres = List.copyOf(cadres);
    }

    /** Hides personal data from logs. */
    @Override
    public String toString() {
        return "HelpPerson[id=" + id + "]";
    }
}
