package org.courtyard.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing. Per username: {@value #USER_FAILURES} failed logins within
 * {@link #WINDOW} lock the name for {@link #LOCK}, whatever password comes next, until then or
 * until an admin unlocks it. Per client address: once {@value #ADDRESS_FAILURES} logins failed
 * within {@link #WINDOW}, the address is refused until the oldest of them is older than that.
 *
 * <p>Names are counted as given, whether a user has them or not, so a refusal says nothing about
 * which users exist. A login still being checked counts as a failure until it is decided, so
 * guesses sent in parallel cannot slip past the limits. State is in memory: a restart forgets it,
 * which an attacker cannot cause. Each map keeps at most {@value #MAX_TRACKED} entries, forgetting
 * the least recently used.
 */
public final class LoginThrottle {

    public static final int USER_FAILURES = 5;
    public static final int ADDRESS_FAILURES = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCK = Duration.ofMinutes(15);
    static final int MAX_TRACKED = 10_000;
    /** Longest username kept as a key; no user has a longer one. */
    private static final int MAX_NAME = 64;

    /** Why a login is refused before its password is looked at, and when to try again. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        Refused(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        /** At least one second. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /**
     * One login being checked; end it with one of {@link #succeeded}, {@link #failed} or
     * {@link #abandoned} (later calls do nothing).
     */
    public final class Attempt {
        private final String user;
        private final String address;
        private boolean ended;

        private Attempt(String user, String address) {
            this.user = user;
            this.address = address;
        }

        /** The password was right: the name's failures are forgotten (the address's are not). */
        public void succeeded() {
            synchronized (LoginThrottle.this) {
                if (end()) {
                    Counter name = settle(users, user);
                    name.failures.clear();
                    forgetIfIdle(users, user, name);
                    forgetIfIdle(addresses, address, settle(addresses, address));
                }
            }
        }

        /**
         * The password was wrong (or the user unknown).
         *
         * @return true if this failure locked the name
         */
        public boolean failed() {
            synchronized (LoginThrottle.this) {
                if (!end()) {
                    return false;
                }
                Instant now = clock.instant();
                Counter name = settle(users, user);
                name.failures.add(now);
                settle(addresses, address).failures.add(now);
                name.prune(now);
                if (name.failures.size() >= USER_FAILURES) {
                    name.lockedUntil = now.plus(LOCK);
                    name.failures.clear();
                    return true;
                }
                return false;
            }
        }

        /** The login could not be decided (the hub failed): it counts neither way. */
        public void abandoned() {
            synchronized (LoginThrottle.this) {
                if (end()) {
                    forgetIfIdle(users, user, settle(users, user));
                    forgetIfIdle(addresses, address, settle(addresses, address));
                }
            }
        }

        private boolean end() {
            if (ended) {
                return false;
            }
            ended = true;
            return true;
        }
    }

    /** Failures within the window, logins being checked, and a lock. */
    private static final class Counter {
        final ArrayDeque<Instant> failures = new ArrayDeque<>();
        int pending;
        Instant lockedUntil;

        void prune(Instant now) {
            Instant oldest = now.minus(WINDOW);
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
                failures.removeFirst();
            }
            if (lockedUntil != null && !lockedUntil.isAfter(now)) {
                lockedUntil = null;
            }
        }

        boolean idle() {
            return failures.isEmpty() && pending == 0 && lockedUntil == null;
        }
    }

    private final Clock clock;
    private final Map<String, Counter> users = lru();
    private final Map<String, Counter> addresses = lru();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Starts a login of {@code username} from {@code address}.
     *
     * @throws Refused if the name is locked or the address has failed too often (answer 429)
     */
    public synchronized Attempt begin(String username, String address) throws Refused {
        Instant now = clock.instant();
        String user = key(username);
        Counter from = counter(addresses, address);
        from.prune(now);
        if (from.failures.size() + from.pending >= ADDRESS_FAILURES) {
            Duration wait = from.failures.isEmpty() ? Duration.ofSeconds(1)
                    : Duration.between(now, from.failures.peekFirst().plus(WINDOW));
            throw new Refused("too many failed logins from this address; try again in " + minutes(wait),
                    atLeastOneSecond(wait));
        }
        Counter name = counter(users, user);
        name.prune(now);
        if (name.lockedUntil != null) {
            Duration wait = Duration.between(now, name.lockedUntil);
            throw new Refused("too many failed logins for this user; try again in " + minutes(wait)
                    + " or ask an administrator to unlock it", atLeastOneSecond(wait));
        }
        if (name.failures.size() + name.pending >= USER_FAILURES) {
            throw new Refused("another login for this user is being checked; try again in a moment",
                    Duration.ofSeconds(1));
        }
        from.pending++;
        name.pending++;
        return new Attempt(user, address);
    }

    /** When {@code username}'s lock ends, if it is locked now. */
    public synchronized Optional<Instant> lockedUntil(String username) {
        Counter name = users.get(key(username));
        if (name == null) {
            return Optional.empty();
        }
        name.prune(clock.instant());
        return Optional.ofNullable(name.lockedUntil);
    }

    /**
     * Lifts {@code username}'s lock and forgets its failures (an admin's unlock).
     *
     * @return true if it was locked
     */
    public synchronized boolean unlock(String username) {
        Counter name = users.get(key(username));
        if (name == null) {
            return false;
        }
        name.prune(clock.instant());
        boolean locked = name.lockedUntil != null;
        name.lockedUntil = null;
        name.failures.clear();
        forgetIfIdle(users, key(username), name);
        return locked;
    }

    private Counter counter(Map<String, Counter> map, String key) {
        return map.computeIfAbsent(key, k -> new Counter());
    }

    /** The counter of a decided login, one fewer pending (never below zero: it may have been evicted). */
    private Counter settle(Map<String, Counter> map, String key) {
        Counter counter = counter(map, key);
        counter.pending = Math.max(0, counter.pending - 1);
        return counter;
    }

    private static void forgetIfIdle(Map<String, Counter> map, String key, Counter counter) {
        if (counter.idle()) {
            map.remove(key);
        }
    }

    private static String key(String username) {
        return username.length() > MAX_NAME ? username.substring(0, MAX_NAME) : username;
    }

    private static Duration atLeastOneSecond(Duration wait) {
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }

    private static String minutes(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    private static Map<String, Counter> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }
}
