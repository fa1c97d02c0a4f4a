package org.courtyard.kiosk.announce;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Loudspeaker;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.PlayResult;
import org.courtyard.hardware.Route;
import org.courtyard.kiosk.core.Outbox;
import org.courtyard.kiosk.core.ShownAnnouncement;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.AudioDownloaded;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.PlayOutcome;
import org.courtyard.protocol.Priority;
import org.courtyard.protocol.SyncResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announcements at the kiosk: keeps what sync brings, fetches the audio, and plays each one at its
 * times through the loudspeaker, one play at a time, reporting every play to the hub.
 *
 * <p><b>One player.</b> Everything that reaches the loudspeaker for announcements runs on one
 * {@code kiosk-announce} thread, in this order of precedence: a cadre's live broadcast; a scheduled
 * EMERGENCY; plays people asked for (the screen's play button, 听通知, a cadre's "play now"), in the
 * order asked; scheduled NORMAL announcements, oldest occurrence first. So two never play at once.
 *
 * <p><b>When.</b> {@link Schedule} says which occurrence is due. A scheduled play has the chime and
 * goes where {@link AnnounceSettings#scheduledPlays()} says: on a courtyard kiosk outdoors, and never
 * for screen-only announcements ({@code outdoor=false}); on a home unit on its own speaker, the
 * EMERGENCY ones (and NORMAL ones if configured). Announcements without audio are never played. NORMAL ones wait out the quiet hours (still played afterwards if their window is open);
 * EMERGENCY ones ignore them and preempt a NORMAL play in progress, which is reported PREEMPTED and
 * played again afterwards. A scheduled occurrence counts as done once it PLAYED or FAILED for good;
 * that is stored with its report in one transaction, so after a power cut a play still inside its
 * window runs once and nothing is repeated.
 *
 * <p><b>Time.</b> Everything reads the injected {@link Clock}; a one-second timer re-checks what is
 * due, and any change (sync, a finished download, a request) re-checks at once. Tests move the clock
 * and call {@link #tick()}.
 *
 * <p><b>Cutting a play short.</b> A preemption, a withdrawal, a cadre's stop and shutdown decide
 * under the lock which play to cut, and cut that {@link Loudspeaker.Play} with its own
 * {@link Loudspeaker.Play#interrupt()}, never the loudspeaker's: by the time the interruption lands,
 * that play may have ended and the next begun (an emergency, say), and it must not be cut instead.
 * A job is given its {@code Play} under the lock, and only if nothing has asked to cut it yet; so an
 * interruption either finds the play or prevents it, with no moment in between.
 *
 * <p>Listeners and the outbox are called on the thread that caused the change; keep them short.
 */
public final class Announcer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);
    private static final long TICK_MILLIS = 1000;
    /** The report's detail for a requested play stopped at the kiosk. */
    private static final String STOPPED = "stopped at the kiosk by a cadre";

    private final AnnounceStore store;
    private final AudioLibrary library;
    private final AudioDownloads downloads;
    private final Loudspeaker speaker;
    private final Clock clock;
    private final AnnounceSettings settings;
    private final Schedule schedule;
    private final Outbox outbox;
    private final ScheduledExecutorService ticker;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Map<String, Announcement> known = new LinkedHashMap<>();
    private final Map<String, String> reported = new HashMap<>();
    private final Set<String> done;
    private final Deque<Job> requests = new ArrayDeque<>();
    private final List<Consumer<List<ShownAnnouncement>>> listeners = new CopyOnWriteArrayList<>();
    private Live live;
    private Running current;
    private List<ShownAnnouncement> shown = List.of();
    private boolean started;
    private boolean closed;
    private Thread worker;

    /** What the player runs. */
    private sealed interface Job permits Scheduled, Requested, Live {
    }

    /** A scheduled occurrence, played with the chime where the settings say. */
    private record Scheduled(Announcement announcement, Instant occurrence) implements Job {
    }

    /** A play someone asked for. {@code note} is the report's detail when it plays. */
    private record Requested(Announcement announcement, Route route, String note,
            CompletableFuture<AnnouncementPlayed> result) implements Job {
    }

    private record Live(LiveBroadcast broadcast) implements Job {
    }

    /** The job playing now and what happened to it meanwhile; fields under {@link #lock}. */
    private static final class Running {
        final Job job;
        boolean preempted;
        boolean withdrawn;
        boolean stopped;
        /** The play on the loudspeaker, from when it may begin; what an interruption cuts. */
        Loudspeaker.Play play;

        Running(Job job) {
            this.job = job;
        }
    }

    /**
     * Loads the announcements and done plays stored in {@code kioskStore}; nothing plays or
     * downloads before {@link #start()}.
     *
     * @param hub where the audio is downloaded from
     */
    public Announcer(KioskStore kioskStore, Path dataDir, HubConnection hub, Loudspeaker speaker, Clock clock,
            AnnounceSettings settings, Outbox outbox) {
        this.store = new AnnounceStore(kioskStore);
        this.library = new AudioLibrary(dataDir);
        this.speaker = speaker;
        this.clock = clock;
        this.settings = settings;
        this.schedule = new Schedule(settings.zone(), settings.catchUp());
        this.outbox = outbox;
        this.downloads = new AudioDownloads(hub, library, new AudioDownloads.Listener() {
            @Override
            public void downloaded(String sha256) {
                audioArrived(sha256);
            }
        });
        store.all().forEach((id, stored) -> {
            known.put(id, stored.announcement());
            if (stored.reportedAudio() != null) {
                reported.put(id, stored.reportedAudio());
            }
        });
        this.done = new HashSet<>(store.donePlays());
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kiosk-announce-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the player, the downloads and the one-second timer. */
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the announcer has been closed");
            }
            if (started) {
                return;
            }
            started = true;
        } finally {
            lock.unlock();
        }
        downloads.start();
        worker = new Thread(this::work, "kiosk-announce");
        worker.setDaemon(true);
        worker.start();
        ticker.scheduleWithFixedDelay(this::tickSafely, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        refresh(true);
        LOG.info("Announcements: {} known, quiet hours {} ({})", known.size(), settings.quietHours(), settings.zone());
    }

    // What sync brings.

    /**
     * Sync's {@link org.courtyard.kiosk.sync.AnswerPart} for {@code announcements}: see {@link #received}.
     */
    public Runnable take(SyncResponse answer) {
        if (answer.announcements().isEmpty()) {
            return null;
        }
        received(answer.announcements());
        return () -> LOG.debug("{} announcements received", answer.announcements().size());
    }

    /**
     * Takes announcements from a sync answer: stores each one newer than what the kiosk has (before
     * returning, so the cursor that covers them may be saved), stops one withdrawn while it plays,
     * fetches audio and re-checks what is due.
     */
    public void received(List<Announcement> announcements) {
        Instant now = clock.instant();
        List<Loudspeaker.Play> cut = new ArrayList<>();
        for (Announcement announcement : announcements) {
            Announcement old;
            lock.lock();
            try {
                old = known.get(announcement.id());
            } finally {
                lock.unlock();
            }
            if (old != null && old.revision() >= announcement.revision()) {
                continue;
            }
            store.put(announcement, now);
            lock.lock();
            try {
                known.put(announcement.id(), announcement);
                if (announcement.withdrawn()) {
                    withdrawn(announcement.id()).ifPresent(cut::add);
                }
            } finally {
                lock.unlock();
            }
            LOG.info("Announcement {} revision {}{}: {}", announcement.id(), announcement.revision(),
                    announcement.withdrawn() ? " (withdrawn)" : "", announcement.title());
        }
        cut.forEach(Loudspeaker.Play::interrupt);
        refresh(true);
    }

    /** Under the lock: forgets queued plays of a withdrawn announcement; the play to cut if it is playing now. */
    private Optional<Loudspeaker.Play> withdrawn(String id) {
        for (Iterator<Job> it = requests.iterator(); it.hasNext();) {
            Job job = it.next();
            if (job instanceof Requested requested && requested.announcement().id().equals(id)) {
                it.remove();
                requested.result().completeExceptionally(new IllegalStateException(
                        "announcement " + id + " was withdrawn before it played"));
            }
        }
        if (current != null && id.equals(announcementId(current.job)) && !current.withdrawn) {
            current.withdrawn = true;
            return Optional.ofNullable(current.play);
        }
        return Optional.empty();
    }

    /**
     * Brings downloads, download reports and the screen in line with the announcements; with
     * {@code cleanUp}, also deletes audio no current announcement needs.
     */
    private void refresh(boolean cleanUp) {
        Instant now = clock.instant();
        List<Announcement> active = new ArrayList<>();
        lock.lock();
        try {
            for (Announcement announcement : known.values()) {
                if (!announcement.withdrawn() && !Schedule.ended(announcement, now)) {
                    active.add(announcement);
                }
            }
        } finally {
            lock.unlock();
        }
        Set<String> needed = new HashSet<>();
        for (Announcement announcement : active) {
            if (announcement.audio() == null) {
                continue;
            }
            String sha = announcement.audio().sha256();
            needed.add(sha);
            if (library.has(sha)) {
                reportDownloaded(announcement, sha);
            } else {
                downloads.want(announcement.id(), announcement.audio());
            }
        }
        downloads.keepOnly(needed);
        if (cleanUp) {
            int deleted = library.keepOnly(needed);
            if (deleted > 0) {
                LOG.info("Deleted {} audio file(s) no current announcement needs", deleted);
            }
        }
        tick();
    }

    private void audioArrived(String sha256) {
        Instant now = clock.instant();
        List<Announcement> using = new ArrayList<>();
        lock.lock();
        try {
            for (Announcement announcement : known.values()) {
                if (announcement.audio() != null && announcement.audio().sha256().equals(sha256)
                        && !announcement.withdrawn() && !Schedule.ended(announcement, now)) {
                    using.add(announcement);
                }
            }
        } finally {
            lock.unlock();
        }
        using.forEach(announcement -> reportDownloaded(announcement, sha256));
        tick();
    }

    /** Tells the hub this kiosk holds the audio, once per announcement and audio. */
    private void reportDownloaded(Announcement announcement, String sha256) {
        lock.lock();
        try {
            if (sha256.equals(reported.get(announcement.id()))) {
                return;
            }
            reported.put(announcement.id(), sha256);
        } finally {
            lock.unlock();
        }
        Event event = Event.of(new AudioDownloaded(announcement.id(), sha256), clock.instant(), outbox.clockTrusted());
        try {
            store.downloaded(event, announcement.id(), sha256);
        } catch (RuntimeException e) {
            lock.lock();
            try {
                reported.remove(announcement.id(), sha256);
            } finally {
                lock.unlock();
            }
            throw e;
        }
        outbox.pushNow();
    }

    // Time.

    /**
     * Re-checks what is due now: wakes the player, preempts a NORMAL play for a due EMERGENCY, and
     * updates the screen's list. The one-second timer calls it; so may anyone, at any time.
     */
    public void tick() {
        Instant now = clock.instant();
        Loudspeaker.Play cut = null;
        lock.lock();
        try {
            if (current != null && emergencyDue(now, current.job)) {
                cut = preemptCurrent();
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (cut != null) {
            cut.interrupt();
        }
        publish(now);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("Checking announcements failed; trying again in a second", e);
        }
    }

    private boolean quiet(Instant now) {
        return settings.quietHours().contains(LocalTime.ofInstant(now, settings.zone()));
    }

    /** Under the lock: scheduled plays due now, emergencies first, then oldest first. */
    private List<Scheduled> dueScheduled(Instant now) {
        List<Scheduled> due = new ArrayList<>();
        boolean quiet = quiet(now);
        for (Announcement announcement : known.values()) {
            if (announcement.withdrawn() || !settings.scheduledPlays().plays(announcement) || announcement.audio() == null
                    || !library.has(announcement.audio().sha256())
                    || announcement.priority() == Priority.NORMAL && quiet) {
                continue;
            }
            schedule.due(announcement, now)
                    .filter(occurrence -> !done.contains(AnnounceStore.key(announcement.id(), occurrence)))
                    .ifPresent(occurrence -> due.add(new Scheduled(announcement, occurrence)));
        }
        due.sort(Comparator.comparing((Scheduled s) -> s.announcement().priority() != Priority.EMERGENCY)
                .thenComparing(Scheduled::occurrence)
                .thenComparing(s -> s.announcement().id()));
        return due;
    }

    private boolean emergencyDue(Instant now, Job except) {
        for (Scheduled due : dueScheduled(now)) {
            if (due.announcement().priority() == Priority.EMERGENCY && !due.equals(except)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks the play in progress preempted if it may be (a NORMAL or requested play, not already
     * cut) and returns it, to be interrupted once the lock is released; null if there is nothing to
     * cut. Call with the lock held.
     */
    private Loudspeaker.Play preemptCurrent() {
        if (current == null || !preemptible(current.job) || current.preempted) {
            return null;
        }
        current.preempted = true;
        return current.play;
    }

    /** What an EMERGENCY (or a live broadcast) may cut short: anything but a live broadcast or a scheduled emergency. */
    private static boolean preemptible(Job job) {
        return job instanceof Requested
                || job instanceof Scheduled scheduled && scheduled.announcement().priority() == Priority.NORMAL;
    }

    // The player.

    private void work() {
        while (true) {
            Running running;
            lock.lock();
            try {
                while (true) {
                    if (closed) {
                        return;
                    }
                    Job job = choose(clock.instant());
                    if (job != null) {
                        running = new Running(job);
                        current = running;
                        break;
                    }
                    wake.await(TICK_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            try {
                run(running);
            } catch (RuntimeException e) {
                LOG.error("Playing {} failed", running.job, e);
            } finally {
                lock.lock();
                try {
                    current = null;
                    wake.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Under the lock: the next job by precedence, taken off its queue; null if nothing is due. */
    private Job choose(Instant now) {
        if (live != null) {
            Live next = live;
            live = null;
            return next;
        }
        List<Scheduled> due = dueScheduled(now);
        if (!due.isEmpty() && due.get(0).announcement().priority() == Priority.EMERGENCY) {
            return due.get(0);
        }
        if (!requests.isEmpty()) {
            return requests.pollFirst();
        }
        return due.isEmpty() ? null : due.get(0);
    }

    private void run(Running running) {
        if (running.job instanceof Live job) {
            PlayResult result;
            Loudspeaker.Play play = speaker.prepareLive("live", Microphone.FORMAT, job.broadcast().source(),
                    Route.OUTDOOR, true);
            if (!beginPlaying(running, play)) {
                job.broadcast().stop();
                result = new PlayResult(PlayResult.Outcome.INTERRUPTED, clock.instant(), clock.instant(),
                        "the kiosk stopped before the broadcast began");
            } else {
                result = play.run();
            }
            LOG.info("Live broadcast ended {} {}", result.outcome(), result.detail());
            job.broadcast().finished(result);
            return;
        }
        Announcement announcement = announcement(running.job);
        Route route = running.job instanceof Requested requested ? requested.route() : settings.scheduledPlays().route();
        AudioClip clip;
        try {
            clip = library.clip(announcement.audio().sha256(), "announcement-" + announcement.id());
        } catch (AudioLibrary.Corrupt e) {
            // Deleted; it plays once it has been fetched again, while its window is open.
            downloads.want(announcement.id(), announcement.audio());
            finish(running, announcement, failed(e.getMessage()), true);
            return;
        } catch (IOException e) {
            downloads.want(announcement.id(), announcement.audio());
            finish(running, announcement, failed("the audio cannot be read on the kiosk: " + e.getMessage()), true);
            return;
        } catch (IllegalArgumentException e) {
            finish(running, announcement, failed("the audio cannot be played: " + e.getMessage()), false);
            return;
        }
        // The chime before every scheduled play (on a home unit too: it turns heads) and every outdoor one.
        Loudspeaker.Play play = speaker.prepare(clip, route, running.job instanceof Scheduled || route == Route.OUTDOOR);
        if (!beginPlaying(running, play)) {
            requeueIfPreempted(running);
            return;
        }
        finish(running, announcement, play.run(), false);
    }

    private PlayResult failed(String detail) {
        Instant now = clock.instant();
        return new PlayResult(PlayResult.Outcome.FAILED, now, now, detail);
    }

    /**
     * Hands the job its {@code play}, from now on what an interruption cuts, unless it was preempted,
     * withdrawn or stopped or the kiosk stopped in the meantime: then it must not begin.
     */
    private boolean beginPlaying(Running running, Loudspeaker.Play play) {
        lock.lock();
        try {
            if (closed || running.preempted || running.withdrawn || running.stopped) {
                return false;
            }
            running.play = play;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void requeueIfPreempted(Running running) {
        lock.lock();
        try {
            if (running.job instanceof Requested requested) {
                if (running.stopped) {
                    requested.result().completeExceptionally(new CancellationException(STOPPED));
                } else if (running.preempted && !closed) {
                    requests.addFirst(requested);
                } else {
                    requested.result().completeExceptionally(new IllegalStateException(
                            running.withdrawn ? "the announcement was withdrawn" : "the kiosk is stopping"));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Reports a play and, for a scheduled one that is settled, records its occurrence as done. */
    private void finish(Running running, Announcement announcement, PlayResult result, boolean retryable) {
        PlayOutcome outcome;
        String detail;
        boolean settles;
        boolean preempted;
        boolean withdrawn;
        boolean stopped;
        boolean stopping;
        lock.lock();
        try {
            preempted = running.preempted;
            withdrawn = running.withdrawn;
            stopped = running.stopped;
            stopping = closed;
        } finally {
            lock.unlock();
        }
        switch (result.outcome()) {
            case PLAYED -> {
                outcome = PlayOutcome.PLAYED;
                detail = running.job instanceof Requested requested ? requested.note() : null;
                settles = true;
            }
            case FAILED -> {
                outcome = PlayOutcome.FAILED;
                detail = result.detail();
                settles = !retryable;
            }
            default -> {
                if (withdrawn) {
                    outcome = PlayOutcome.FAILED;
                    detail = "stopped: the announcement was withdrawn";
                    settles = true;
                } else if (stopped) {
                    outcome = PlayOutcome.FAILED;
                    detail = STOPPED;
                    settles = true;
                } else if (preempted && !stopping) {
                    outcome = PlayOutcome.PREEMPTED;
                    detail = "cut short by an emergency announcement or a live broadcast; played again afterwards";
                    settles = false;
                } else {
                    outcome = PlayOutcome.FAILED;
                    detail = stopping ? "stopped: the kiosk was shut down during the play"
                            : "interrupted: " + result.detail();
                    settles = false;
                }
            }
        }
        Instant startedAt = result.startedAt();
        Instant endedAt = result.endedAt().isBefore(startedAt) ? startedAt : result.endedAt();
        AnnouncementPlayed played = new AnnouncementPlayed(announcement.id(), startedAt, endedAt, outcome,
                detail == null || detail.isBlank() ? null : detail);
        Instant occurrence = running.job instanceof Scheduled scheduled && settles ? scheduled.occurrence() : null;
        try {
            store.played(Event.of(played, clock.instant(), outbox.clockTrusted()), occurrence);
        } catch (RuntimeException e) {
            LOG.error("Could not record the play of {} ({}); it may play again", announcement.id(), outcome, e);
        }
        lock.lock();
        try {
            if (occurrence != null) {
                done.add(AnnounceStore.key(announcement.id(), occurrence));
            }
            if (running.job instanceof Requested requested) {
                if (outcome == PlayOutcome.PREEMPTED) {
                    requests.addFirst(requested);
                } else if (stopped && outcome != PlayOutcome.PLAYED) {
                    requested.result().completeExceptionally(new CancellationException(STOPPED));
                } else {
                    requested.result().complete(played);
                }
            }
        } finally {
            lock.unlock();
        }
        LOG.info("Announcement {} {} ({})", announcement.id(), outcome, detail == null ? "" : detail);
        outbox.pushNow();
    }

    private static Announcement announcement(Job job) {
        if (job instanceof Scheduled scheduled) {
            return scheduled.announcement();
        }
        if (job instanceof Requested requested) {
            return requested.announcement();
        }
        throw new IllegalArgumentException("a live broadcast has no announcement");
    }

    private static String announcementId(Job job) {
        return job instanceof Live ? null : announcement(job).id();
    }
    // Commands: the screen, the voice and a cadre call these.

    /**
     * Plays a current announcement at once over the outdoor loudspeaker with the chime, for a cadre:
     * after whatever is playing, before scheduled NORMAL plays, even in quiet hours (a person chose
     * to). It is reported like every play; it does not count as a scheduled play.
     *
     * @throws IllegalArgumentException for an unknown, withdrawn or ended announcement
     * @throws IllegalStateException if it has no audio or the audio is not on the kiosk yet
     */
    public CompletableFuture<AnnouncementPlayed> playNow(String announcementId) {
        Announcement announcement = playable(announcementId, false);
        return request(new Requested(announcement, Route.OUTDOOR, "played at once at a cadre's request",
                new CompletableFuture<>()));
    }

    /**
     * Plays a current announcement for the person at the screen: on the kiosk's own speaker, or the
     * outdoor loudspeaker with {@code announce.screen-play-outdoor=true} (but never outdoors in
     * quiet hours).
     *
     * @throws IllegalArgumentException for an announcement that is not current
     * @throws IllegalStateException if it has no audio or the audio is not on the kiosk yet
     */
    public CompletableFuture<AnnouncementPlayed> playOnScreen(String announcementId) {
        Announcement announcement = playable(announcementId, true);
        boolean outdoor = settings.screenPlayOutdoor() && !quiet(clock.instant());
        return request(new Requested(announcement, outdoor ? Route.OUTDOOR : Route.INDOOR,
                "played at the kiosk at a resident's request (" + (outdoor ? "outdoor" : "indoor") + ")",
                new CompletableFuture<>()));
    }

    /** The newest current announcement, if any (what 听通知 plays). */
    public Optional<ShownAnnouncement> newest() {
        List<ShownAnnouncement> list = current();
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    private Announcement playable(String id, boolean mustHaveStarted) {
        Instant now = clock.instant();
        Announcement announcement;
        lock.lock();
        try {
            announcement = known.get(id);
        } finally {
            lock.unlock();
        }
        if (announcement == null || announcement.withdrawn() || Schedule.ended(announcement, now)
                || mustHaveStarted && now.isBefore(announcement.startsAt())) {
            throw new IllegalArgumentException("no current announcement '" + id + "'");
        }
        if (announcement.audio() == null) {
            throw new IllegalStateException("announcement " + id + " has no audio; it is shown on the screen only");
        }
        if (!library.has(announcement.audio().sha256())) {
            throw new IllegalStateException("the audio of announcement " + id + " is not on the kiosk yet");
        }
        return announcement;
    }

    /**
     * Stops a play someone asked for (the cadre's 停止), given the future {@link #playNow} or
     * {@link #playOnScreen} returned: one still waiting for its turn is dropped; one playing is cut
     * off, the relay going off as after every play, and reported FAILED "stopped at the kiosk by a
     * cadre". The future then completes with a {@link CancellationException} (normally, if the play
     * reached its end just then). Nothing else that plays is touched.
     *
     * @return false if that play is over already (or was never asked for here)
     */
    public boolean stop(CompletableFuture<AnnouncementPlayed> play) {
        Loudspeaker.Play cut;
        lock.lock();
        try {
            for (Iterator<Job> it = requests.iterator(); it.hasNext();) {
                if (it.next() instanceof Requested requested && requested.result() == play) {
                    it.remove();
                    requested.result().completeExceptionally(new CancellationException(STOPPED));
                    return true;
                }
            }
            if (current == null || !(current.job instanceof Requested requested) || requested.result() != play) {
                return false;
            }
            current.stopped = true;
            cut = current.play;
        } finally {
            lock.unlock();
        }
        if (cut != null) {
            cut.interrupt();
        }
        return true;
    }

    /**
     * Whether a scheduled EMERGENCY is playing now, or is due and waiting (for a live broadcast to
     * end): what a cadre at the talk button must know.
     */
    public boolean emergencyPending() {
        Instant now = clock.instant();
        lock.lock();
        try {
            if (current != null && current.job instanceof Scheduled scheduled
                    && scheduled.announcement().priority() == Priority.EMERGENCY) {
                return true;
            }
            return emergencyDue(now, current == null ? null : current.job);
        } finally {
            lock.unlock();
        }
    }

    private CompletableFuture<AnnouncementPlayed> request(Requested requested) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the announcer has been closed");
            }
            requests.addLast(requested);
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        return requested.result();
    }

    /**
     * Starts a live broadcast from {@code source} (a cadre holds the talk button): it goes out next,
     * cutting short a NORMAL or requested play (reported PREEMPTED, played again afterwards). While it
     * lasts nothing else plays; emergencies wait for it. It ends with {@link LiveBroadcast#stop()},
     * after {@code announce.live-max-seconds}, on failure and at shutdown, always with the relay off.
     *
     * @throws IllegalStateException while a scheduled emergency is playing or another live broadcast
     *     is on, or after close; {@code source} is then closed
     */
    public LiveBroadcast startLive(Microphone.FrameStream source) {
        LiveBroadcast broadcast = new LiveBroadcast(source);
        Loudspeaker.Play cut = null;
        lock.lock();
        try {
            String refusal = null;
            if (closed) {
                refusal = "the announcer has been closed";
            } else if (live != null || current != null && current.job instanceof Live) {
                refusal = "a live broadcast is already on";
            } else if (current != null && current.job instanceof Scheduled scheduled
                    && scheduled.announcement().priority() == Priority.EMERGENCY) {
                refusal = "an emergency announcement is playing; try again when it has ended";
            }
            if (refusal != null) {
                source.close();
                throw new IllegalStateException(refusal);
            }
            live = new Live(broadcast);
            cut = preemptCurrent();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (cut != null) {
            cut.interrupt();
        }
        try {
            ticker.schedule(broadcast::stop, settings.liveLimit().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("the timer is stopped; the broadcast ends with the kiosk", e);
        }
        LOG.info("Live broadcast started");
        return broadcast;
    }

    // The screen.

    /** The current announcements, newest first. */
    public List<ShownAnnouncement> current() {
        Instant now = clock.instant();
        List<ShownAnnouncement> out = new ArrayList<>();
        lock.lock();
        try {
            for (Announcement announcement : known.values()) {
                if (Schedule.current(announcement, now)) {
                    out.add(new ShownAnnouncement(announcement.id(), announcement.title(), announcement.text(),
                            announcement.priority(), announcement.startsAt(),
                            announcement.audio() != null && library.has(announcement.audio().sha256()),
                            announcement.audio() != null));
                }
            }
        } finally {
            lock.unlock();
        }
        out.sort(Comparator.comparing(ShownAnnouncement::startsAt).thenComparing(ShownAnnouncement::id).reversed());
        return List.copyOf(out);
    }

    /**
     * Calls {@code listener} with the current list now, and again whenever it changes (sync, a
     * finished download, an announcement starting or ending), on the thread that noticed.
     */
    public void addListener(Consumer<List<ShownAnnouncement>> listener) {
        listeners.add(listener);
        listener.accept(current());
    }

    private void publish(Instant now) {
        List<ShownAnnouncement> list = current();
        lock.lock();
        try {
            if (list.equals(shown)) {
                return;
            }
            shown = list;
        } finally {
            lock.unlock();
        }
        for (Consumer<List<ShownAnnouncement>> listener : listeners) {
            try {
                listener.accept(list);
            } catch (RuntimeException e) {
                LOG.error("An announcement list listener failed", e);
            }
        }
    }

    /**
     * Stops playing (a play in progress is reported as stopped by shutdown and plays again after a
     * restart if still due; a live broadcast ends with the relay off), stops the downloads (a partial
     * file stays for the next start) and the timer. Closing twice is safe.
     */
    @Override
    public void close() {
        Loudspeaker.Play cut;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            cut = current == null ? null : current.play;
            if (live != null) {
                live.broadcast().stop();
                live.broadcast().finished(new PlayResult(PlayResult.Outcome.INTERRUPTED, clock.instant(),
                        clock.instant(), "the kiosk stopped before the broadcast began"));
                live = null;
            }
            if (current != null && current.job instanceof Live running) {
                running.broadcast().stop();
            }
            for (Job job : requests) {
                if (job instanceof Requested requested) {
                    requested.result().completeExceptionally(new IllegalStateException("the kiosk is stopping"));
                }
            }
            requests.clear();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        ticker.shutdownNow();
        if (cut != null) {
            cut.interrupt();
        }
        Thread player = worker;
        if (player != null) {
            try {
                player.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        downloads.close();
    }
}
