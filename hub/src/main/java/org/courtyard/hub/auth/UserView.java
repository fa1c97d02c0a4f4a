package org.courtyard.hub.auth;

/** A user as the API shows one: {@code {"username","role","village","displayName"}}. */
public record UserView(String username, Role role, String village, String displayName) {

    public static UserView of(StaffUser user) {
        return new UserView(user.username(), user.role(), user.village(), user.displayName());
    }
}
