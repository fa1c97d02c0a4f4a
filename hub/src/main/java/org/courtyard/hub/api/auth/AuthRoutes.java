package org.courtyard.hub.api.auth;

import static org.eclipse.jetty.http.HttpMethod.DELETE;
import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.POST;

import java.time.Duration;
import java.util.Optional;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.GuessThrottle;
import org.courtyard.hub.auth.NewUser;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.auth.UserView;
import org.courtyard.hub.auth.Users;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Reply;
import org.courtyard.protocol.ErrorBody;

/**
 * {@code /api/v1/login}, {@code /logout}, {@code /me}, {@code /users},
 * {@code /users/{username}/unlock} and {@code DELETE /users/{username}/sessions}. Logins go through
 * a {@link GuessThrottle} (429 with {@code Retry-After} when refused); logins, failed logins, locks,
 * logouts, new users, unlocks and revocations are written to the {@link AuditLog}.
 */
final class AuthRoutes {

    /** Body of {@code POST /api/v1/login}. */
    record LoginRequest(String username, String password) {

        LoginRequest {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("missing required field 'username'");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("missing required field 'password'");
            }
        }

        @Override
        public String toString() {
            return "LoginRequest[username=" + username + "]";
        }
    }

    /** Answer of {@code POST /api/v1/login}. */
    record LoginResponse(String token, UserView user) {

        @Override
        public String toString() {
            return "LoginResponse[user=" + user + "]";
        }
    }

    private final Users users;
    private final Duration sessionLifetime;
    private final GuessThrottle throttle;
    private final AuditLog audit;

    AuthRoutes(Users users, Duration sessionLifetime, GuessThrottle throttle, AuditLog audit) {
        this.users = users;
        this.sessionLifetime = sessionLifetime;
        this.throttle = throttle;
        this.audit = audit;
    }

    void register(FeatureContext hub) {
        hub.route(POST, "/api/v1/login", Access.PUBLIC, (exchange, nobody) -> login(exchange));
        hub.route(POST, "/api/v1/logout", Access.STAFF, this::logout);
        hub.route(GET, "/api/v1/me", Access.STAFF, (exchange, user) -> Reply.ok(UserView.of(user)));
        hub.route(POST, "/api/v1/users", Access.ADMIN, (exchange, admin) -> Reply.created(
                users.create(exchange.bodyAs(NewUser.class), Actors.trail(audit, admin, exchange))));
        hub.route(GET, "/api/v1/users", Access.ADMIN, (exchange, admin) -> Reply.ok(users.list()));
        hub.route(POST, "/api/v1/users/{username}/unlock", Access.ADMIN, this::unlock);
        hub.route(DELETE, "/api/v1/users/{username}/sessions", Access.ADMIN, this::revokeSessions);
    }

    private Reply login(Exchange exchange) {
        LoginRequest request = exchange.bodyAs(LoginRequest.class);
        Actor actor = Actors.of(request.username(), exchange);
        GuessThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(request.username(), actor.address());
        } catch (GuessThrottle.Refused refused) {
            return Reply.json(429, ErrorBody.of("too_many_requests", refusal(refused)))
                    .withHeader("Retry-After", Long.toString(refused.retryAfter().toSeconds()));
        }
        Optional<Users.Login> login;
        try {
            login = users.login(request.username(), request.password().toCharArray(), audit.by(actor));
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        if (login.isEmpty()) {
            boolean locked = attempt.failed();
            audit.recordAlone(actor, "login.failed", null, null);
            if (locked) {
                GuessThrottle.Rules rules = throttle.rules();
                audit.recordAlone(actor, "login.locked", request.username(), rules.perPair()
                        + " failed logins from " + actor.address() + " within " + rules.window().toMinutes()
                        + " minutes; locked for that address for " + rules.lock().toMinutes() + " minutes");
            }
            throw Refusal.unauthenticated("wrong username or password");
        }
        attempt.succeeded();
        String token = login.get().token();
        return Reply.ok(new LoginResponse(token, UserView.of(login.get().user())))
                .withHeader("Set-Cookie", cookie(token, sessionLifetime.toSeconds(), exchange.request().isSecure()));
    }

    private Reply logout(Exchange exchange, StaffUser user) {
        users.logout(exchange.credential().orElseThrow(), Actors.trail(audit, user, exchange));
        return Reply.noContent().withHeader("Set-Cookie", cookie("", 0, exchange.request().isSecure()));
    }

    private static String refusal(GuessThrottle.Refused refused) {
        return switch (refused.why()) {
            case ADDRESS -> "too many failed logins from this address; try again in " + refused.waitInWords();
            case LOCKED -> "too many failed logins for this user from this address; try again in "
                    + refused.waitInWords() + " or ask an administrator to unlock it";
            case SPACED -> "this user has had many failed logins; after a failed login from this address wait "
                    + refused.waitInWords() + " before the next";
            case BUSY -> "other logins for this user from this address are being checked; try again in a moment";
        };
    }

    /**
     * Signs a user out everywhere (a lost phone, someone who left): every session ends and its
     * open event streams close at once. 404 for a name no user has.
     */
    private Reply revokeSessions(Exchange exchange, StaffUser admin) {
        String username = exchange.pathParameter("username");
        if (!users.exists(username)) {
            throw Refusal.notFound("no user '" + username + "'");
        }
        int revoked = users.revokeSessions(username, Actors.trail(audit, admin, exchange));
        return Reply.ok(java.util.Map.of("revoked", revoked));
    }

    /** Lifts a login lock early, for every address; 404 for a name no user has. The address limit is not lifted. */
    private Reply unlock(Exchange exchange, StaffUser admin) {
        String username = exchange.pathParameter("username");
        if (!users.exists(username)) {
            throw Refusal.notFound("no user '" + username + "'");
        }
        boolean wasLocked = throttle.unlock(username);
        audit.recordAlone(Actors.of(admin.username(), exchange), "user.unlock", username,
                wasLocked ? "was locked" : "was not locked");
        return Reply.noContent();
    }

    /**
     * HttpOnly keeps the token from page scripts; SameSite=Strict keeps other sites from using it.
     * {@code Secure} when the hub speaks HTTPS (see docs/tls.md), so the browser never sends the
     * token over plain HTTP; on a plain-HTTP hub the cookie could not be set with it.
     */
    private static String cookie(String token, long maxAgeSeconds, boolean secure) {
        return Exchange.SESSION_COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly;"
                + (secure ? " Secure;" : "") + " SameSite=Strict";
    }
}
