package org.courtyard.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hub.auth.KioskIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which answer a held request gets: the one that reads the news when it is woken or news was
 * found, the "unchanged" one (which reads nothing) when its wait runs out or the hub stops; and
 * never both.
 */
class LongPollsTest {

    static final KioskIdentity ONE = new KioskIdentity("k-one", "活动室", "大村");
    static final KioskIdentity TWO = new KioskIdentity("k-two", "活动室", "小村");

    /** The answers run, in order, as "kiosk:answer" or "kiosk:unchanged". */
    final List<String> answered = new CopyOnWriteArrayList<>();
    final LongPolls longPolls = new LongPolls(Runnable::run);

    @AfterEach
    void close() {
        longPolls.close();
    }

    @Test
    void a_woken_request_gets_the_news_answer_and_one_that_runs_out_the_unchanged_one() {
        park(ONE, Duration.ofMinutes(5));
        park(TWO, Duration.ofMillis(50));

        longPolls.wake(List.of(ONE.kioskId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() == 2);

        assertThat(answered).containsExactlyInAnyOrder("k-one:answer", "k-two:unchanged");
        assertThat(longPolls.waiting()).isZero();
    }

    @Test
    void a_woken_request_is_answered_once_though_woken_again() {
        LongPolls.Waiter waiter = park(ONE, Duration.ofMinutes(5));

        waiter.release();
        longPolls.wakeVillages(List.of(ONE.village()));
        longPolls.wake(List.of(ONE.kioskId()));
        waiter.release();

        assertThat(answered).containsExactly("k-one:answer");
        assertThat(longPolls.waiting()).isZero();
    }

    @Test
    void a_request_whose_wait_ran_out_is_not_answered_again_when_woken() {
        LongPolls.Waiter waiter = park(ONE, Duration.ofMillis(50));
        await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() == 1);

        waiter.release();
        longPolls.wakeVillages(List.of(ONE.village()));
        longPolls.wake(List.of(ONE.kioskId()));

        assertThat(answered).containsExactly("k-one:unchanged");
    }

    @Test
    void closing_answers_every_held_request_unchanged_and_one_parked_after_at_once() {
        park(ONE, Duration.ofMinutes(5));

        longPolls.close();
        park(TWO, Duration.ofMinutes(5));

        assertThat(answered).containsExactly("k-one:unchanged", "k-two:unchanged");
    }

    private LongPolls.Waiter park(KioskIdentity kiosk, Duration wait) {
        return longPolls.park(kiosk, wait, () -> answered.add(kiosk.kioskId() + ":answer"),
                () -> answered.add(kiosk.kioskId() + ":unchanged"));
    }
}
