package org.courtyard.hub.api.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.auth.AuthSchema;
import org.courtyard.hub.auth.GuessThrottle;
import org.courtyard.hub.auth.Users;
import org.courtyard.hub.store.Migration;

/**
 * Staff users and their sessions: the tables, staff sessions as callers (looked up before any
 * other kind), the first admin on an empty hub, and the login, logout and user routes.
 */
public final class AuthFeature implements Feature {

    private final Duration sessionLifetime;
    private final Optional<String> adminPassword;
    private Optional<String> generatedAdminPassword = Optional.empty();
    private Users users;

    /** @param adminPassword the first admin's password; empty to generate one */
    public AuthFeature(Duration sessionLifetime, Optional<String> adminPassword) {
        this.sessionLifetime = sessionLifetime;
        this.adminPassword = adminPassword;
    }

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public List<Migration> migrations() {
        return AuthSchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        users = new Users(hub.database(), hub.clock(), sessionLifetime);
        hub.authenticator().add(users::bySessionHash);
        generatedAdminPassword = users.createFirstAdmin(adminPassword);
        new AuthRoutes(users, sessionLifetime, new GuessThrottle(hub.clock(), GuessThrottle.LOGINS), hub.audit())
                .register(hub);
    }

    /**
     * The staff users and their sessions, for the features that live as long as a session (the
     * event stream); after install.
     */
    public Users users() {
        if (users == null) {
            throw new IllegalStateException("the auth feature is not installed yet");
        }
        return users;
    }

    /** The first admin's password if the install generated it (shown once); empty otherwise. */
    public Optional<String> generatedAdminPassword() {
        return generatedAdminPassword;
    }
}
