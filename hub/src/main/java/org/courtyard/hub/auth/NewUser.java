package org.courtyard.hub.auth;

import org.courtyard.protocol.Text;

/**
 * Body of {@code POST /api/v1/users}. The password must have at least
 * {@value #MIN_PASSWORD_CHARS} characters; a cadre must name a village.
 */
public record NewUser(String username, String password, Role role, String village, String displayName) {

    public static final int MIN_PASSWORD_CHARS = 8;

    public NewUser {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("missing required field 'username'");
        }
        if (!username.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(
                    "field 'username' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (password == null) {
            throw new IllegalArgumentException("missing required field 'password'");
        }
        if (password.length() < MIN_PASSWORD_CHARS) {
            throw new IllegalArgumentException("field 'password' must have at least " + MIN_PASSWORD_CHARS
                    + " characters");
        }
        if (password.length() > 200) {
            throw new IllegalArgumentException("field 'password' must have at most 200 characters");
        }
        if (role == null) {
            throw new IllegalArgumentException("missing required field 'role' (ADMIN, STAFF or CADRE)");
        }
        village = village == null || village.isBlank() ? null : Text.line(village.trim(), "village");
        if (role == Role.CADRE && village == null) {
            throw new IllegalArgumentException("field 'village' is required for role CADRE");
        }
        if (village != null && village.length() > 100) {
            throw new IllegalArgumentException("field 'village' must have at most 100 characters");
        }
        displayName = displayName == null || displayName.isBlank() ? null
                : Text.line(displayName.trim(), "displayName");
        if (displayName != null && displayName.length() > 100) {
            throw new IllegalArgumentException("field 'displayName' must have at most 100 characters");
        }
    }

    /** Hides the password from logs and exception messages. */
    @Override
    public String toString() {
        return "NewUser[username=" + username + ", role=" + role + ", village=" + village + "]";
    }
}
