package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One-time enrolment codes: made by an admin, traded once by a kiosk for its id and a new token. */
class EnrolmentTest {

    @TempDir
    Path dir;

    private TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void an_admin_gets_a_short_digit_code_that_expires_in_a_day() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");

        TestHub.Answer answer = hub.post("/api/v1/kiosks/" + kiosk.id() + "/enrolment-code", hub.adminToken, "{}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("kioskId").asText()).isEqualTo(kiosk.id());
        assertThat(answer.json().get("code").asText()).matches("\\d{4}-\\d{4}");
        assertThat(Instant.parse(answer.json().get("expiresAt").asText()))
                .isEqualTo(TestHub.START.plus(Duration.ofHours(24)));
    }

    @Test
    void only_an_admin_may_make_a_code_and_only_for_a_kiosk_that_exists() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        String staff = hub.user("wangfang", "STAFF", null);

        assertThat(hub.post("/api/v1/kiosks/" + kiosk.id() + "/enrolment-code", staff, "{}").status()).isEqualTo(403);
        assertThat(hub.post("/api/v1/kiosks/" + kiosk.id() + "/enrolment-code", null, "{}").status()).isEqualTo(401);
        assertThat(hub.post("/api/v1/kiosks/k-nothere/enrolment-code", hub.adminToken, "{}").status()).isEqualTo(404);
    }

    @Test
    void a_new_kiosk_comes_with_its_first_code_beside_the_agreed_id_and_token() {
        hub = new TestHub(dir);

        TestHub.Answer answer = hub.post("/api/v1/kiosks", hub.adminToken, Map.of("name", "小学门口", "village", "小河村"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("id").asText()).startsWith("k-");
        assertThat(answer.json().get("token").asText()).hasSize(43);
        assertThat(answer.json().get("enrolmentCode").asText()).matches("\\d{4}-\\d{4}");
        assertThat(answer.json().get("enrolmentCodeExpiresAt").asText()).isEqualTo("2026-11-30T10:00:00Z");
    }

    @Test
    void the_code_gives_the_kiosk_a_new_token_once_and_the_old_token_stops_working() {
        hub = new TestHub(dir);
        TestHub.Kiosk old = hub.kiosk("村委会活动室", "大村");
        String code = code(old);

        TestHub.Answer enrolled = enrol(code);

        assertThat(enrolled.status()).isEqualTo(200);
        assertThat(enrolled.json().get("kioskId").asText()).isEqualTo(old.id());
        assertThat(enrolled.json().get("village").asText()).isEqualTo("大村");
        assertThat(enrolled.json().get("name").asText()).isEqualTo("村委会活动室");
        String token = enrolled.json().get("token").asText();
        assertThat(token).isNotEqualTo(old.token());
        TestHub.Kiosk renewed = new TestHub.Kiosk(old.id(), token, old.village());
        assertThat(hub.sync(renewed, null).status()).isEqualTo(200);
        assertThat(hub.sync(old, null).status()).isEqualTo(401);

        TestHub.Answer again = enrol(code);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.errorMessage()).startsWith("this enrolment code is wrong, expired or already used");
    }

    @Test
    void the_code_may_be_typed_without_its_dash_or_with_spaces() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        String code = code(kiosk);

        assertThat(enrol(" " + code.replace("-", " ") + " ").status()).isEqualTo(200);
    }

    @Test
    void an_expired_code_and_a_replaced_code_do_not_work() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        String first = code(kiosk);
        String second = code(kiosk);

        assertThat(enrol(first).status()).as("replaced").isEqualTo(401);
        hub.clock.advance(Duration.ofHours(24));
        assertThat(enrol(second).status()).as("expired").isEqualTo(401);
        assertThat(hub.sync(kiosk, null).status()).as("the old token still works").isEqualTo(200);
    }

    @Test
    void codes_are_stored_only_salted_and_hashed() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        String code = code(kiosk);

        String stored = String.join(" ", hub.column("SELECT code_hash FROM enrolment_codes WHERE kiosk_id = '"
                + kiosk.id() + "'"));
        assertThat(stored).matches("[0-9a-f]{64}").doesNotContain(code.replace("-", ""));
        assertThat(hub.column("SELECT salt FROM enrolment_codes WHERE kiosk_id = '" + kiosk.id() + "'"))
                .singleElement().asString().matches("[0-9a-f]{32}");
    }

    @Test
    void after_five_wrong_codes_an_address_waits_even_with_the_right_code() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        String code = code(kiosk);
        String wrong = code.startsWith("0") ? "1111-1111" : "0000-0000";
        for (int i = 0; i < 5; i++) {
            assertThat(enrol(wrong).status()).isEqualTo(401);
        }

        TestHub.Answer blocked = enrol(code);

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.json().at("/error/code").asText()).isEqualTo("too_many_requests");
        assertThat(blocked.errorMessage()).isEqualTo("too many wrong enrolment codes; try again in 15 minutes");
        assertThat(blocked.headers().firstValue("Retry-After")).contains("900");
        hub.clock.advance(Duration.ofMinutes(15));
        assertThat(enrol(code).status()).isEqualTo(200);
    }

    @Test
    void guessing_from_many_addresses_never_blocks_the_right_code_from_another() {
        hub = new TestHub(dir, builder -> builder.trustProxy(true));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        String code = code(kiosk);
        String wrong = code.startsWith("0") ? "1111-1111" : "0000-0000";
        int guessers = org.courtyard.hub.auth.GuessThrottle.ENROLMENT.perSubject();
        for (int i = 0; i < guessers; i++) {
            assertThat(enrolFrom("203.0.113." + i, wrong).status()).isEqualTo(401);
        }

        TestHub.Answer guesserAgain = enrolFrom("203.0.113.0", wrong);
        TestHub.Answer installer = enrolFrom("10.1.1.5", code);

        assertThat(guesserAgain.status()).isEqualTo(429);
        assertThat(guesserAgain.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(installer.status()).isEqualTo(200);
        assertThat(installer.json().get("kioskId").asText()).isEqualTo(kiosk.id());
    }

    @Test
    void a_missing_or_malformed_code_is_a_400_naming_the_field() {
        hub = new TestHub(dir);

        assertThat(hub.post("/api/v1/enrol", null, "{}").errorMessage()).contains("code");
        TestHub.Answer shortCode = hub.post("/api/v1/enrol", null, Map.of("code", "12-34"));
        assertThat(shortCode.status()).isEqualTo(400);
        assertThat(shortCode.errorMessage()).isEqualTo("field 'code' must be 8 digits, like 4829-1736");
    }

    private String code(TestHub.Kiosk kiosk) {
        TestHub.Answer answer = hub.post("/api/v1/kiosks/" + kiosk.id() + "/enrolment-code", hub.adminToken, "{}");
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("code").asText();
    }

    private TestHub.Answer enrolFrom(String address, String code) {
        return hub.send(java.net.http.HttpRequest.newBuilder(hub.uri("/api/v1/enrol"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")).build());
    }

    private TestHub.Answer enrol(String code) {
        return hub.post("/api/v1/enrol", null, Map.of("code", code));
    }
}
