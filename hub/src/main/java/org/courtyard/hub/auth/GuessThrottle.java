package org.courtyard.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows guessing of a secret (a password, an enrolment code) without letting the guesser lock the
 * rightful user out. Every attempt is about a <em>subject</em> (an account; for enrolment codes the
 * one subject "enrolment") and comes from an <em>address</em>. Three rules, each over a sliding
 * {@link Rules#window}:
 *
 * <ol>
 *   <li><b>Per subject and address.</b> {@link Rules#perPair} failures lock that subject for that
 *       address for {@link Rules#lock} (or until an admin unlocks the subject). Other addresses are
 *       not affected: a guesser locks only themselves.</li>
 *   <li><b>Per address.</b> {@link Rules#perAddress} failures, whatever the subject, refuse the
 *       address until the oldest of them leaves the window: one address spraying many accounts.</li>
 *   <li><b>Per subject, from everywhere.</b> Once the subject has {@link Rules#perSubject} failures
 *       from all addresses together (many addresses guessing one account), an address that has itself
 *       failed on the subject may try only once per {@link Rules#spacing} after its last failure. An
 *       address that has not failed on it is never held back: the real user, at another desk or on
 *       their phone, still logs in at once. The guessers together get one try per address per
 *       spacing, and {@link Rules#perPair} per address per lock.</li>
 * </ol>
 *
 * <p>Subjects are counted as given, whether an account has them or not, so a refusal says nothing
 * about which accounts exist. An attempt still being checked counts as a failure until it is
 * decided, so guesses sent in parallel cannot slip past the limits. State is in memory: a restart
 * forgets it, which an attacker cannot cause. Each map keeps at most {@value #MAX_TRACKED} entries,
 * forgetting the least recently used.
 */
public final class GuessThrottle {

    /**
     * The limits; see the class comment.
     *
     * @param perPair failures of one subject from one address that lock the pair
     * @param lock how long a pair stays locked
     * @param perAddress failures from one address, any subject, that refuse the address
     * @param perSubject failures of one subject, any address, after which failed addresses are spaced
     * @param spacing the wait between tries of an address that failed on a subject under attack
     * @param window how long a failure counts
     */
    public record Rules(int perPair, Duration lock, int perAddress, int perSubject, Duration spacing,
            Duration window) {
    }

    /** Passwords: 5 wrong for one account from one address lock that pair 15 minutes; 20 from one address in all. */
    public static final Rules LOGINS = new Rules(5, Duration.ofMinutes(15), 20, 10, Duration.ofMinutes(1),
            Duration.ofMinutes(15));

    /**
     * Eight-digit enrolment codes (one subject): 5 wrong from one address lock it 15 minutes, which is
     * 480 guesses a day against 100,000,000 codes that live a day; after 50 wrong from everywhere an
     * address that guessed wrong waits a minute between tries.
     */
    public static final Rules ENROLMENT = new Rules(5, Duration.ofMinutes(15), 5, 50, Duration.ofMinutes(1),
            Duration.ofMinutes(15));

    static final int MAX_TRACKED = 10_000;
    /** Longest subject kept as a key; no account has a longer name. */
    private static final int MAX_SUBJECT = 64;

    /** Which rule refused an attempt. */
    public enum Why {
        /** The address failed too often, whatever the subject. */
        ADDRESS,
        /** This subject is locked for this address. */
        LOCKED,
        /** The subject is under attack and this address failed on it a moment ago. */
        SPACED,
        /** Other attempts at this subject from this address are still being checked. */
        BUSY
    }

    /** Why an attempt is refused before the secret is looked at, and when to try again. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final Why why;
        private final Duration retryAfter;

        Refused(Why why, Duration retryAfter) {
            super(why + ", retry after " + retryAfter);
            this.why = why;
            this.retryAfter = retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter;
        }

        public Why why() {
            return why;
        }

        /** At least one second. */
        public Duration retryAfter() {
            return retryAfter;
        }

        /** The wait in words for an error message: "1 minute", "15 minutes". */
        public String waitInWords() {
            long minutes = Math.max(1, (retryAfter.toSeconds() + 59) / 60);
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
    }

    /**
     * One attempt being checked; end it with one of {@link #succeeded}, {@link #failed} or
     * {@link #abandoned} (later calls do nothing).
     */
    public final class Attempt {
        private final String subject;
        private final String address;
        private final Pair pair;
        private boolean ended;

        private Attempt(String subject, String address) {
            this.subject = subject;
            this.address = address;
            this.pair = new Pair(subject, address);
        }

        /** The secret was right: this address's failures on the subject are forgotten (the rest are not). */
        public void succeeded() {
            synchronized (GuessThrottle.this) {
                if (end()) {
                    Counter own = settle(pairs, pair);
                    own.failures.clear();
                    forgetIfIdle(pairs, pair, own);
                    forgetIfIdle(subjects, subject, settle(subjects, subject));
                    forgetIfIdle(addresses, address, settle(addresses, address));
                }
            }
        }

        /**
         * The secret was wrong (or the subject unknown).
         *
         * @return true if this failure locked the subject for this address
         */
        public boolean failed() {
            synchronized (GuessThrottle.this) {
                if (!end()) {
                    return false;
                }
                Instant now = clock.instant();
                settle(subjects, subject).failures.add(now);
                settle(addresses, address).failures.add(now);
                Counter own = settle(pairs, pair);
                own.failures.add(now);
                own.lastFailure = now;
                own.prune(now, rules.window());
                if (own.failures.size() >= rules.perPair()) {
                    own.lockedUntil = now.plus(rules.lock());
                    own.failures.clear();
                    return true;
                }
                return false;
            }
        }

        /** The attempt could not be decided (the hub failed): it counts neither way. */
        public void abandoned() {
            synchronized (GuessThrottle.this) {
                if (end()) {
                    forgetIfIdle(pairs, pair, settle(pairs, pair));
                    forgetIfIdle(subjects, subject, settle(subjects, subject));
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

    private record Pair(String subject, String address) {
    }

    /** Failures within the window, attempts being checked, and for a pair its lock and latest failure. */
    private static final class Counter {
        final ArrayDeque<Instant> failures = new ArrayDeque<>();
        int pending;
        Instant lockedUntil;
        Instant lastFailure;

        void prune(Instant now, Duration window) {
            Instant oldest = now.minus(window);
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
                failures.removeFirst();
            }
            if (lockedUntil != null && !lockedUntil.isAfter(now)) {
                lockedUntil = null;
            }
            if (lastFailure != null && !lastFailure.isAfter(oldest)) {
                lastFailure = null;
            }
        }

        boolean idle() {
            return failures.isEmpty() && pending == 0 && lockedUntil == null && lastFailure == null;
        }
    }

    private final Clock clock;
    private final Rules rules;
    private final Map<Pair, Counter> pairs = lru();
    private final Map<String, Counter> subjects = lru();
    private final Map<String, Counter> addresses = lru();

    public GuessThrottle(Clock clock, Rules rules) {
        this.clock = clock;
        this.rules = rules;
    }

    public Rules rules() {
        return rules;
    }

    /**
     * Starts an attempt at {@code subject} from {@code address}.
     *
     * @throws Refused if a rule holds it back (answer 429 with the wait)
     */
    public synchronized Attempt begin(String subject, String address) throws Refused {
        Instant now = clock.instant();
        String key = key(subject);
        Counter from = counter(addresses, address);
        from.prune(now, rules.window());
        if (from.failures.size() + from.pending >= rules.perAddress()) {
            throw new Refused(Why.ADDRESS, from.failures.isEmpty() ? Duration.ofSeconds(1)
                    : Duration.between(now, from.failures.peekFirst().plus(rules.window())));
        }
        Counter own = counter(pairs, new Pair(key, address));
        own.prune(now, rules.window());
        if (own.lockedUntil != null) {
            throw new Refused(Why.LOCKED, Duration.between(now, own.lockedUntil));
        }
        if (own.failures.size() + own.pending >= rules.perPair()) {
            throw new Refused(Why.BUSY, Duration.ofSeconds(1));
        }
        Counter all = counter(subjects, key);
        all.prune(now, rules.window());
        if (own.lastFailure != null && all.failures.size() >= rules.perSubject()) {
            Instant next = own.lastFailure.plus(rules.spacing());
            if (next.isAfter(now)) {
                throw new Refused(Why.SPACED, Duration.between(now, next));
            }
        }
        from.pending++;
        own.pending++;
        all.pending++;
        return new Attempt(key, address);
    }

    /**
     * Lifts every lock on {@code subject} and forgets its failures, from all addresses (an admin's
     * unlock). The per-address limit is not lifted.
     *
     * @return true if it was locked for any address
     */
    public synchronized boolean unlock(String subject) {
        String key = key(subject);
        Instant now = clock.instant();
        boolean locked = false;
        for (Map.Entry<Pair, Counter> entry : pairs.entrySet()) {
            if (entry.getKey().subject().equals(key)) {
                Counter counter = entry.getValue();
                counter.prune(now, rules.window());
                locked |= counter.lockedUntil != null;
                counter.lockedUntil = null;
                counter.lastFailure = null;
                counter.failures.clear();
            }
        }
        pairs.entrySet().removeIf(entry -> entry.getKey().subject().equals(key) && entry.getValue().idle());
        Counter all = subjects.get(key);
        if (all != null) {
            all.failures.clear();
            forgetIfIdle(subjects, key, all);
        }
        return locked;
    }

    private static <K> Counter counter(Map<K, Counter> map, K key) {
        return map.computeIfAbsent(key, k -> new Counter());
    }

    /** The counter of a decided attempt, one fewer pending (never below zero: it may have been evicted). */
    private static <K> Counter settle(Map<K, Counter> map, K key) {
        Counter counter = counter(map, key);
        counter.pending = Math.max(0, counter.pending - 1);
        return counter;
    }

    private static <K> void forgetIfIdle(Map<K, Counter> map, K key, Counter counter) {
        if (counter.idle()) {
            map.remove(key);
        }
    }

    private static String key(String subject) {
        return subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
    }

    private static <K> Map<K, Counter> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Counter> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }
}
