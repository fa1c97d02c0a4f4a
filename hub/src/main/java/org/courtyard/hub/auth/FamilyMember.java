package org.courtyard.hub.auth;

/**
 * A family member signed in on their phone with a family session (docs/family.md): one contact of
 * one resident. Only {@link Access#FAMILY} admits it; every other level refuses it with 403, so a
 * family session reaches nothing but the family routes, and there only its own resident.
 *
 * @param contactId the family contact the session belongs to
 * @param residentId the resident they are family of
 * @param village the resident's village
 */
public record FamilyMember(String contactId, String residentId, String village) implements Principal {

    @Override
    public String credential() {
        return "family session";
    }
}
