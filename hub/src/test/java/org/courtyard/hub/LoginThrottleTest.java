package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.courtyard.hub.auth.LoginThrottle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login throttling: per user (lockout) and per address, 429 with Retry-After, admin unlock. */
class LoginThrottleTest {

    @TempDir
    Path dir;

    TestHub hub;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
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
        hub.clock.advance(LoginThrottle.WINDOW);
        assertThat(login("admin", TestHub.ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void logins_still_being_checked_count_against_the_limits() throws Exception {
        LoginThrottle throttle = new LoginThrottle(hub.clock);
        List<LoginThrottle.Attempt> inFlight = new ArrayList<>();
        for (int i = 0; i < LoginThrottle.USER_FAILURES; i++) {
            inFlight.add(throttle.begin("wang", "10.0.0." + i));
        }

        assertThatThrownBy(() -> throttle.begin("wang", "10.0.0.99")).isInstanceOf(LoginThrottle.Refused.class);
        inFlight.get(0).succeeded();
        assertThat(throttle.begin("wang", "10.0.0.99")).isNotNull();
    }

    private TestHub.Answer login(String username, String password) {
        return hub.post("/api/v1/login", null, Map.of("username", username, "password", password));
    }
}
