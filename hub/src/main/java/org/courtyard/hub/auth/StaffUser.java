package org.courtyard.hub.auth;

/** A logged-in person. {@code village} is set for cadres; {@code displayName} may be null. */
public record StaffUser(String username, Role role, String village, String displayName) implements Principal {

    @Override
    public String credential() {
        return "staff session";
    }

    /** The name written into a help request's history ({@code by}). */
    public String shownName() {
        return displayName == null || displayName.isBlank() ? username : displayName;
    }

    /** True if this user may see and act on requests of {@code village}. */
    public boolean mayAccessVillage(String otherVillage) {
        return role != Role.CADRE || village.equals(otherVillage);
    }
}
