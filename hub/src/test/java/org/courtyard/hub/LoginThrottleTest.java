package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.courtyard.hub.auth.GuessThrottle;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login throttling: per user and address (lockout), per address, and per user from everywhere
 * (spacing), 429 with Retry-After, admin unlock; a guesser never locks the real user out.
 */
class LoginThrottleTest {

    @TempDir
    Path dir;

    TestHub hub;

    @BeforeEach
    void start() {
        // Behind a (pretend) proxy, so that tests choose the address each login comes from.
        hub = new TestHub(dir, builder -> builder.trustProxy(true));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void five_failures_lock_the_user_even_against_the_right_password() {
        hub.user("wang", "STAFF", null);
        for (int i = 0; i < 5; i++) {
            assertThat(login("wang", "wrong-password").status()).isEqualTo(401);
        }

        TestHub.Answer locked = login("wang", "password-wang");

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().get("error").get("code").asText()).isEqualTo("too_many_requests");
        assertThat(locked.errorMessage()).contains("15 minutes").contains("unlock");
        assertThat(locked.headers().firstValue("Retry-After")).hasValue("900");
    }

    @Test
    void a_name_nobody_has_is_locked_with_the_same_answer() {
        hub.user("wang", "STAFF", null);
        for (int i = 0; i < 5; i++) {
            login("wang", "wrong-password");
            login("ghost", "wrong-password");
        }

        TestHub.Answer real = login("wang", "wrong-password");
        TestHub.Answer ghost = login("ghost", "wrong-password");

        assertThat(ghost.status()).isEqualTo(real.status()).isEqualTo(429);
        assertThat(ghost.body()).isEqualTo(real.body());
        assertThat(ghost.headers().firstValue("Retry-After")).isEqualTo(real.headers().firstValue("Retry-After"));
    }

    @Test
    void the_lock_ends_after_fifteen_minutes() {
        hub.user("wang", "STAFF", null);
        for (int i = 0; i < 5; i++) {
            login("wang", "wrong-password");
        }
        hub.clock.advance(Duration.ofMinutes(14));
        TestHub.Answer stillLocked = login("wang", "password-wang");

        hub.clock.advance(Duration.ofMinutes(1));

        assertThat(stillLocked.status()).isEqualTo(429);
        assertThat(stillLocked.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(login("wang", "password-wang").status()).isEqualTo(200);
    }

    @Test
    void failures_spread_beyond_the_window_do_not_lock() {
        hub.user("wang", "STAFF", null);
        for (int i = 0; i < 8; i++) {
            assertThat(login("wang", "wrong-password").status()).isEqualTo(401);
            hub.clock.advance(Duration.ofMinutes(4));
        }

        assertThat(login("wang", "password-wang").status()).isEqualTo(200);
    }

    @Test
    void a_successful_login_forgets_the_users_failures() {
        hub.user("wang", "STAFF", null);
        for (int i = 0; i < 4; i++) {
            login("wang", "wrong-password");
        }
        assertThat(login("wang", "password-wang").status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            login("wang", "wrong-password");
        }

        assertThat(login("wang", "password-wang").status()).isEqualTo(200);
    }

    @Test
    void an_admin_unlocks_a_user_and_both_lock_and_unlock_are_audited() {
        hub.user("wang", "STAFF", null);
        for (int i = 0; i < 5; i++) {
            login("wang", "wrong-password");
        }

        TestHub.Answer unlock = hub.post("/api/v1/users/wang/unlock", hub.adminToken, Map.of());

        assertThat(unlock.status()).isEqualTo(204);
        assertThat(login("wang", "password-wang").status()).isEqualTo(200);
        List<String> actions = hub.column("SELECT action || ' ' || username || ' ' || COALESCE(target, '-')"
                + " FROM audit_log ORDER BY seq DESC LIMIT 3");
        assertThat(actions).containsExactly("login wang -", "user.unlock admin wang", "login.locked wang wang");
    }

    @Test
    void only_an_admin_unlocks_and_only_existing_users() {
        String staff = hub.user("wang", "STAFF", null);

        assertThat(hub.post("/api/v1/users/wang/unlock", staff, Map.of()).status()).isEqualTo(403);
        assertThat(hub.post("/api/v1/users/wang/unlock", null, Map.of()).status()).isEqualTo(401);
        assertThat(hub.post("/api/v1/users/ghost/unlock", hub.adminToken, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void twenty_failures_from_one_address_refuse_it_even_for_other_users() {
        for (int i = 0; i < 20; i++) {
            assertThat(login("user" + (i % 5), "wrong-password").status()).as("attempt " + i).isEqualTo(401);
        }

        TestHub.Answer refused = login("admin", TestHub.ADMIN_PASSWORD);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorMessage()).contains("address");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("900");
        hub.clock.advance(GuessThrottle.LOGINS.window());
        assertThat(login("admin", TestHub.ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void logins_still_being_checked_count_against_the_limits_of_their_address() throws Exception {
        GuessThrottle throttle = new GuessThrottle(hub.clock, GuessThrottle.LOGINS);
        List<GuessThrottle.Attempt> inFlight = new ArrayList<>();
        for (int i = 0; i < GuessThrottle.LOGINS.perPair(); i++) {
            inFlight.add(throttle.begin("wang", "10.0.0.1"));
        }

        assertThatThrownBy(() -> throttle.begin("wang", "10.0.0.1")).isInstanceOf(GuessThrottle.Refused.class);
        assertThat(throttle.begin("wang", "10.0.0.99")).as("another address").isNotNull();
        inFlight.get(0).succeeded();
        assertThat(throttle.begin("wang", "10.0.0.1")).isNotNull();
    }

    @Test
    void a_guesser_elsewhere_never_locks_the_real_user_out() {
        hub.user("wang", "STAFF", null);
        for (int i = 0; i < 5; i++) {
            assertThat(loginFrom("203.0.113.66", "wang", "wrong-password").status()).isEqualTo(401);
        }

        TestHub.Answer guesser = loginFrom("203.0.113.66", "wang", "password-wang");
        TestHub.Answer office = loginFrom("10.1.1.20", "wang", "password-wang");

        assertThat(guesser.status()).isEqualTo(429);
        assertThat(guesser.errorMessage()).contains("from this address");
        assertThat(office.status()).isEqualTo(200);
    }

    @Test
    void many_addresses_guessing_one_account_are_spaced_out_while_a_fresh_address_logs_in_at_once() {
        hub.user("wang", "STAFF", null);
        GuessThrottle.Rules rules = GuessThrottle.LOGINS;
        for (int i = 0; i < rules.perSubject(); i++) {
            assertThat(loginFrom("203.0.113." + i, "wang", "wrong-password").status()).isEqualTo(401);
        }

        TestHub.Answer again = loginFrom("203.0.113.0", "wang", "wrong-password");
        TestHub.Answer fresh = loginFrom("10.1.1.20", "wang", "password-wang");

        assertThat(again.status()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After")).hasValue(Long.toString(rules.spacing().toSeconds()));
        assertThat(again.errorMessage()).contains("wait 1 minute");
        assertThat(fresh.status()).isEqualTo(200);
        hub.clock.advance(rules.spacing());
        assertThat(loginFrom("203.0.113.0", "wang", "wrong-password").status()).as("after the spacing").isEqualTo(401);
        assertThat(loginFrom("203.0.113.0", "wang", "wrong-password").status()).isEqualTo(429);
    }

    @Test
    void the_admin_unlock_lifts_the_lock_for_every_address() {
        hub.user("wang", "STAFF", null);
        for (int i = 0; i < 5; i++) {
            loginFrom("10.1.1.20", "wang", "wrong-password");
            loginFrom("10.1.1.21", "wang", "wrong-password");
        }
        assertThat(loginFrom("10.1.1.20", "wang", "password-wang").status()).isEqualTo(429);

        assertThat(hub.post("/api/v1/users/wang/unlock", hub.adminToken, Map.of()).status()).isEqualTo(204);

        assertThat(loginFrom("10.1.1.20", "wang", "password-wang").status()).isEqualTo(200);
        assertThat(loginFrom("10.1.1.21", "wang", "password-wang").status()).isEqualTo(200);
    }

    private TestHub.Answer loginFrom(String address, String username, String password) {
        return hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/login")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(ProtocolJson.write(Map.of("username", username,
                        "password", password)), StandardCharsets.UTF_8)).build());
    }

    private TestHub.Answer login(String username, String password) {
        return hub.post("/api/v1/login", null, Map.of("username", username, "password", password));
    }
}
