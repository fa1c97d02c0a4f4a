package org.courtyard.hub.auth;

import java.time.Duration;
import java.util.Optional;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;

/** {@code /api/v1/login}, {@code /logout}, {@code /me} and {@code /users}. */
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

    public AuthRoutes(Users users, Authenticator authenticator, Duration sessionLifetime) {
        this.users = users;
        this.authenticator = authenticator;
        this.sessionLifetime = sessionLifetime;
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
    }

    private Reply login(Exchange exchange) {
        LoginRequest request = exchange.bodyAs(LoginRequest.class);
        Optional<Users.Login> login = users.login(request.username(), request.password().toCharArray());
        if (login.isEmpty()) {
            throw HttpError.unauthorized("wrong username or password");
        }
        String token = login.get().token();
        return Reply.ok(new LoginResponse(token, UserView.of(login.get().user())))
                .withHeader("Set-Cookie", cookie(token, sessionLifetime.toSeconds()));
    }

    private Reply logout(Exchange exchange) {
        authenticator.requireStaff(exchange);
        users.logout(exchange.credential().orElseThrow());
        return Reply.noContent().withHeader("Set-Cookie", cookie("", 0));
    }

    private Reply createUser(Exchange exchange) {
        authenticator.requireAdmin(exchange);
        return Reply.created(users.create(exchange.bodyAs(NewUser.class)));
    }

    /**
     * HttpOnly keeps the token from page scripts; SameSite=Strict keeps other sites from using it.
     * Not {@code Secure}: the hub speaks plain HTTP on the township LAN (put TLS in front and the
     * browser still sends it).
     */
    private static String cookie(String token, long maxAgeSeconds) {
        return Exchange.SESSION_COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict";
    }
}
