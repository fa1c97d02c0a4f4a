package org.courtyard.hub.care;

import java.time.Instant;
import java.util.List;
import org.courtyard.hub.residents.CadreKind;
import org.courtyard.hub.residents.Level;

/** ORGANISATION in the API: what it is, where, the villages it is paired with, its members. */
public record OrganisationView(String id, String name, OrganisationKind kind, Level level, String village,
        List<String> villages, List<Member> members, boolean active, Instant createdAt, Instant updatedAt) {

    /** A member as an organisation lists them. */
    public record Member(String id, String name, String village, Level level, CadreKind kind, boolean active) {
    }

    public OrganisationView {
        villages = List.copyOf(villages);
        members = List.copyOf(members);
    }
}
