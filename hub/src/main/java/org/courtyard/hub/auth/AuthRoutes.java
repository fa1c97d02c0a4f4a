package org.courtyard.hub.auth;

import java.time.Duration;
import java.util.Optional;
import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;
import org.courtyard.protocol.ErrorBody;

/**
 * {@code /api/v1/login}, {@code /logout}, {@code /me}, {@code /users},
 * {@code /users/{username}/unlock} and {@code DELETE /users/{username}/sessions}. Logins go through
 * a {@link GuessThrottle} (429 with {@code Retry-After} when refused); logins, failed logins, locks,
 * logouts, new users, unlocks and revocations are written to the {@link AuditLog}.
 */
public final class AuthRoutes {

    /** Body of {@code POST /api/v1/login}. */
    public record LoginRequest(String username, String password) {

        public LoginRequest {
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
    public record LoginResponse(String token, UserView user) {

        @Override
        public String toString() {
            return "LoginResponse[user=" + user + "]";
        }
    }

    private final Users users;
    private final Authenticator authenticator;
    private final Duration sessionLifetime;
    private final GuessThrottle throttle;
    private final AuditLog audit;

    public AuthRoutes(Users users, Authenticator authenticator, Duration sessionLifetime, GuessThrottle throttle,
            AuditLog audit) {
        this.users = users;
        this.authenticator = authenticator;
        this.sessionLifetime = sessionLifetime;
        this.throttle = throttle;
        this.audit = audit;
    }

    public void register(Router router) {
        router.add("POST", "/api/v1/login", this::login);
        router.add("POST", "/api/v1/logout", this::logout);
        router.add("GET", "/api/v1/me", exchange -> Reply.ok(UserView.of(authenticator.requireStaff(exchange))));
        router.add("POST", "/api/v1/users", this::createUser);
        router.add("GET", "/api/v1/users", exchange -> {
            authenticator.requireAdmin(exchange);
            return Reply.ok(users.list());
        });
        router.add("POST", "/api/v1/users/{username}/unlock", this::unlock);
        router.add("DELETE", "/api/v1/users/{username}/sessions", this::revokeSessions);
    }

    private Reply login(Exchange exchange) {
        LoginRequest request = exchange.bodyAs(LoginRequest.class);
        Actor actor = Actor.of(request.username(), exchange);
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
            throw HttpError.unauthorized("wrong username or password");
        }
        attempt.succeeded();
        String token = login.get().token();
        return Reply.ok(new LoginResponse(token, UserView.of(login.get().user())))
                .withHeader("Set-Cookie", cookie(token, sessionLifetime.toSeconds(), exchange.request().isSecure()));
    }

    private Reply logout(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        users.logout(exchange.credential().orElseThrow(), audit.by(Actor.of(user.username(), exchange)));
        return Reply.noContent().withHeader("Set-Cookie", cookie("", 0, exchange.request().isSecure()));
    }

    private Reply createUser(Exchange exchange) {
        StaffUser admin = authenticator.requireAdmin(exchange);
        return Reply.created(users.create(exchange.bodyAs(NewUser.class), audit.by(Actor.of(admin.username(), exchange))));
    }

    private static String refusal(GuessThrottle.Refused refused) {
        return switch (refused.why()) {
            case ADDRESS -> "too many failed logins from this address; try again in " + refused.waitInWords();
            case LOCKED -> "too many failed logins for this user from this address; try again in " + refused.waitInWords()
                    + " or ask an administrator to unlock it";
            case SPACED -> "this user has had many failed logins; after a failed login from this address wait "
                    + refused.waitInWords() + " before the next";
            case BUSY -> "other logins for this user from this address are being checked; try again in a moment";
        };
    }

    /** Lifts a login lock early, from every address; 404 for a name no user has. The address limit is not lifted. */
    private Reply unlock(Exchange exchange) {
        StaffUser admin = authenticator.requireAdmin(exchange);
        String username = exchange.pathParameter("username");
        if (!users.exists(username)) {
            throw HttpError.notFound("no user '" + username + "'");
        }
        boolean wasLocked = throttle.unlock(username);
        audit.recordAlone(Actor.of(admin.username(), exchange), "user.unlock", username,
                wasLocked ? "was locked" : "was not locked");
        return Reply.noContent();
    }

    /**
     * Signs a user out everywhere (a lost phone, someone who left): every session ends and its
     * open event streams close at once. 404 for a name no user has.
     */
    private Reply revokeSessions(Exchange exchange) {
        StaffUser admin = authenticator.requireAdmin(exchange);
        String username = exchange.pathParameter("username");
        if (!users.exists(username)) {
            throw HttpError.notFound("no user '" + username + "'");
        }
        int revoked = users.revokeSessions(username, audit.by(Actor.of(admin.username(), exchange)));
        return Reply.ok(java.util.Map.of("revoked", revoked));
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
