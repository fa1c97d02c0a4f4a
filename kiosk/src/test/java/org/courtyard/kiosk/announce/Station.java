package org.courtyard.kiosk.announce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.Loudspeaker;
import org.courtyard.hardware.Wav;
import org.courtyard.hardware.testing.TestHardware;
import org.courtyard.kiosk.MutableClock;
import org.courtyard.kiosk.core.Outbox;
import org.courtyard.kiosk.core.SqlWork;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.kiosk.net.HubTls;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.AudioRef;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.Priority;
import org.courtyard.protocol.Targets;

/**
 * One kiosk's announcement player for tests: the real {@link Announcer} on the kiosk's SQLite store,
 * the real hardware with a recording sound card ({@link TestHardware}), a clock the test moves, and
 * a hub address nobody answers (so nothing is downloaded: tests put audio in the library as a
 * finished download would). {@link #powerCut()} restarts it on the same database.
 */
final class Station implements AutoCloseable {

    /** 2026-11-29 08:00 in Asia/Shanghai (UTC+8). */
    static final Instant MORNING = Instant.parse("2026-11-29T00:00:00Z");
    static final HubConnection NOWHERE = HubConnection.of(URI.create("http://127.0.0.1:9"), "token", HubTls.defaults());

    final Path dir;
    final MutableClock clock;
    final AnnounceSettings settings;
    final TestHardware hardware;
    /** What the announcer plays through: the hardware's loudspeaker, or a test's stand-in around it. */
    final Loudspeaker loudspeaker;
    final List<String> actions = new CopyOnWriteArrayList<>();
    final List<Integer> pushes = new CopyOnWriteArrayList<>();
    KioskStore store;
    Announcer announcer;

    Station(Path dir, Instant start, AnnounceSettings settings) {
        this(dir, start, settings, hardware -> hardware.hardware().loudspeaker());
    }

    Station(Path dir, Instant start, AnnounceSettings settings, Function<TestHardware, Loudspeaker> loudspeaker) {
        this.dir = dir;
        this.clock = new MutableClock(start);
        this.settings = settings;
        this.hardware = TestHardware.create(HardwareConfig.defaults(HardwareConfig.Mode.SIM)
                .withTiming(Duration.ZERO, Duration.ZERO).withVolume(1.0, 1.0));
        hardware.hardware().addActionListener(action -> actions.add(action.line()));
        this.loudspeaker = loudspeaker.apply(hardware);
        open();
    }

    Station(Path dir) {
        this(dir, MORNING, AnnounceSettings.defaults());
    }

    private void open() {
        store = KioskStore.open(dir.resolve("data"));
        announcer = new Announcer(store, dir.resolve("data"), NOWHERE, loudspeaker,
                clock, settings, new Outbox() {
                    @Override
                    public void append(Event event) {
                        store.append(event);
                    }

                    @Override
                    public void append(Event event, SqlWork<?> alongside) {
                        store.append(event, alongside);
                    }

                    @Override
                    public boolean clockTrusted() {
                        return true;
                    }

                    @Override
                    public void pushNow() {
                        pushes.add(1);
                    }
                });
        announcer.start();
    }

    /**
     * The kiosk loses power while idle and comes back: only what is on disk survives. Closing an
     * idle announcer writes nothing, so it leaves the disk exactly as a power cut would.
     */
    void powerCut() {
        announcer.close();
        store.close();
        open();
    }

    /** A 16 kHz mono tone of {@code millis}, stored in the library as a finished download would be. */
    AudioRef audio(int millis) {
        return audio(tone(millis, 440));
    }

    AudioRef audio(AudioClip clip) {
        byte[] wav = Wav.write(clip);
        String sha = AudioLibrary.sha256(wav);
        AudioLibrary library = new AudioLibrary(dir.resolve("data"));
        try {
            Files.write(library.dir().resolve(sha + ".wav"), wav);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AudioRef(sha, wav.length, clip.duration().toMillis());
    }

    static AudioClip tone(int millis, double hz) {
        return org.courtyard.kiosk.TestAnnouncements.tone(millis, hz);
    }

    static Announcement announcement(String id, Priority priority, boolean outdoor, Instant startsAt, Instant endsAt,
            List<LocalTime> repeatDaily, AudioRef audio, boolean withdrawn, int revision) {
        return new Announcement(id, "通知 " + id, "请各位村民注意：" + id, priority, outdoor, Targets.everyone(), startsAt,
                endsAt, repeatDaily, audio, withdrawn, revision);
    }

    static Announcement normal(String id, Instant startsAt, AudioRef audio) {
        return announcement(id, Priority.NORMAL, true, startsAt, null, List.of(), audio, false, 1);
    }

    static Announcement emergency(String id, Instant startsAt, AudioRef audio) {
        return announcement(id, Priority.EMERGENCY, true, startsAt, null, List.of(), audio, false, 1);
    }

    static Announcement withdrawn(Announcement announcement) {
        return new Announcement(announcement.id(), announcement.title(), announcement.text(), announcement.priority(),
                announcement.outdoor(), announcement.targets(), announcement.startsAt(), announcement.endsAt(),
                announcement.repeatDaily(), announcement.audio(), true, announcement.revision() + 1);
    }

    /** Local time {@code hh:mm} on the day of {@code base}, in Asia/Shanghai. */
    static Instant at(Instant base, int hour, int minute) {
        ZonedDateTime local = base.atZone(AnnounceSettings.defaults().zone());
        return local.withHour(hour).withMinute(minute).withSecond(0).withNano(0).toInstant();
    }

    void receive(Announcement... announcements) {
        announcer.received(List.of(announcements));
    }

    void moveTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
        announcer.tick();
    }

    /** The ANNOUNCEMENT_PLAYED reports in the outbox, oldest first. */
    List<AnnouncementPlayed> reports() {
        List<AnnouncementPlayed> out = new ArrayList<>();
        for (Event event : store.pending(1000)) {
            if (event.type() == EventType.ANNOUNCEMENT_PLAYED) {
                out.add((AnnouncementPlayed) event.payload());
            }
        }
        return out;
    }

    /** "announcementId OUTCOME" of every report so far. */
    List<String> outcomes() {
        return reports().stream().map(played -> played.announcementId() + " " + played.outcome()).toList();
    }

    boolean relayOn() {
        return hardware.hardware().simulator().orElseThrow().relayOn();
    }

    @Override
    public void close() {
        announcer.close();
        hardware.hardware().close();
        store.close();
    }
}
