package org.courtyard.kiosk.headless;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.checkin.CheckInStore;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CheckedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless kiosk's {@code residents}, {@code checkin} and {@code who} commands. */
class HeadlessConsoleTest {

    @TempDir
    Path dir;

    private Kiosk kiosk;

    @AfterEach
    void close() {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @Test
    void residents_lists_the_roster_and_checkin_by_name_or_id_saves_the_event() throws Exception {
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            new CheckInStore(store).replaceResidents(TestRoster.residents().subList(0, 2));
        }
        kiosk = Kiosk.create(TestKiosks.config(dir, "http://127.0.0.1:9"), Clock.systemUTC());
        kiosk.model().awaitIdle(java.time.Duration.ofSeconds(10));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HeadlessConsole console = new HeadlessConsole(kiosk, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        console.run(new BufferedReader(new StringReader("residents\ncheckin 王德福\ncheckin r-zhangguiy\n"
                + "checkin 不认识\ncheckin\nquit\n")));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("residents 2: r-wangdefuu 王德福, r-zhangguiy 张桂英\n",
                "checked in 王德福 r-wangdefuu\n", "checked in 张桂英 r-zhangguiy\n",
                "error: no resident '不认识' here; residents 2:", "error: checkin needs a resident's name or id");
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).extracting(event -> ((CheckedIn) event.payload()).residentId())
                    .containsExactly("r-wangdefuu", "r-zhangguiy");
        }
    }

    @Test
    void who_names_the_open_request_by_name_and_says_what_is_wrong_without_one() throws Exception {
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            new CheckInStore(store).replaceResidents(TestRoster.residents().subList(0, 2));
        }
        kiosk = Kiosk.create(TestKiosks.config(dir, "http://127.0.0.1:9", "help.alert-courtyard=false"),
                Clock.systemUTC());
        kiosk.model().awaitIdle(java.time.Duration.ofSeconds(10));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HeadlessConsole console = new HeadlessConsole(kiosk, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        console.run(new BufferedReader(new StringReader("who 张桂英\n")));
        kiosk.help().requestHelp(org.courtyard.protocol.HelpSource.BUTTON, null);
        kiosk.model().awaitIdle(java.time.Duration.ofSeconds(10));
        console.run(new BufferedReader(new StringReader("who 不认识\nwho 张桂英\nquit\n")));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("error: who needs an open help request; press first\n",
                "error: no resident '不认识' here; residents 2:", "who 张桂英 r-zhangguiy\n");
        assertThat(kiosk.model().state().help().residentId()).isEqualTo("r-zhangguiy");
    }
}
