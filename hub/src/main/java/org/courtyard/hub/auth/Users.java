package org.courtyard.hub.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.internal.Passwords;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;

/** Staff users and their sessions. */
public final class Users {

    /** A live session: the SHA-256 of its token, whose it is, and when it ends. */
    public record Session(String tokenHash, StaffUser user, Instant expiresAt) {
    }

    /**
     * Told after sessions ended early, by logout or revocation, once that has committed; expiry is
     * each session's own {@link Session#expiresAt}. Called on the thread that ended them: be quick.
     */
    @FunctionalInterface
    public interface SessionListener {
        void sessionsEnded(Set<String> tokenHashes);
    }

    /** A successful login: the bearer token (shown once, stored hashed) and who it is. */
    public record Login(String token, StaffUser user, Instant expiresAt) {

        @Override
        public String toString() {
            return "Login[user=" + user.username() + ", expiresAt=" + expiresAt + "]";
        }
    }

    private static final String USER_COLUMNS = "u.username, u.role, u.village, u.display_name";

    private final Database database;
    private final Clock clock;
    private final Duration sessionLifetime;
    private final List<SessionListener> sessionListeners = new CopyOnWriteArrayList<>();

    public Users(Database database, Clock clock, Duration sessionLifetime) {
        this.database = database;
        this.clock = clock;
        this.sessionLifetime = sessionLifetime;
    }

    public void addSessionListener(SessionListener listener) {
        sessionListeners.add(listener);
    }

    /**
     * On a hub without users, creates {@code admin} (role ADMIN) with {@code password}, or with a
     * generated one when {@code password} is empty.
     *
     * @return the generated password, to be shown once; empty if one was given or users exist
     * @throws IllegalArgumentException if the given password is shorter than {@link NewUser#MIN_PASSWORD_CHARS}
     */
    public Optional<String> createFirstAdmin(Optional<String> password) {
        int existing = database.read(connection -> Sql.one(connection, "SELECT COUNT(*) AS n FROM users",
                row -> row.getInt("n")).orElse(0));
        if (existing > 0) {
            return Optional.empty();
        }
        String chosen = password.orElseGet(() -> Tokens.random("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16));
        NewUser admin;
        try {
            admin = new NewUser("admin", chosen, Role.ADMIN, null, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the first admin's password (COURTYARD_ADMIN_PASSWORD) must have at least "
                    + NewUser.MIN_PASSWORD_CHARS + " characters", e);
        }
        String hash = Passwords.hash(chosen.toCharArray());
        boolean created = database.write(connection -> {
            int users = Sql.one(connection, "SELECT COUNT(*) AS n FROM users", row -> row.getInt("n")).orElse(0);
            if (users > 0) {
                return false;
            }
            insert(connection, admin, hash);
            return true;
        });
        return created && password.isEmpty() ? Optional.of(chosen) : Optional.empty();
    }

    /** Creates a user, audited as {@code user.create} on {@code trail}; 409 if the name is taken. */
    public UserView create(NewUser user, AuditTrail trail) {
        String hash = Passwords.hash(user.password().toCharArray());
        database.write(connection -> {
            // Unique without regard to case: "Wangfang" next to "wangfang" would be two logins that
            // staff, the audit log and a cadre's linked username cannot tell apart.
            Optional<String> taken = Sql.one(connection, "SELECT username FROM users WHERE username = ? COLLATE NOCASE",
                    row -> row.getString(1), user.username());
            if (taken.isPresent()) {
                throw Refusal.conflict("a user named '" + taken.get() + "' already exists"
                        + (taken.get().equals(user.username()) ? "" : " (usernames are the same whatever the case)"));
            }
            insert(connection, user, hash);
            trail.record(connection, "user.create", user.username(), "role=" + user.role()
                    + (user.village() == null ? "" : " village=" + user.village()));
            return null;
        });
        return new UserView(user.username(), user.role(), user.village(), user.displayName());
    }

    /** True if a user named {@code username} exists. */
    public boolean exists(String username) {
        return database.read(connection -> exists(connection, username));
    }

    public List<UserView> list() {
        return database.read(connection -> Sql.query(connection,
                "SELECT " + USER_COLUMNS + " FROM users u ORDER BY u.username",
                row -> UserView.of(user(row))));
    }

    /**
     * Checks the password and opens a session, audited as {@code login} on {@code trail} in the
     * same transaction. Unknown user and wrong password look the same to the caller, in message
     * and in time; the caller audits failures (they write nothing here).
     */
    public Optional<Login> login(String username, char[] password, AuditTrail trail) {
        Optional<String> stored = database.read(connection -> Sql.one(connection,
                "SELECT password_hash FROM users WHERE username = ?", row -> row.getString(1), username));
        if (stored.isEmpty()) {
            Passwords.verifyNobody(password);
            return Optional.empty();
        }
        if (!Passwords.verify(password, stored.get())) {
            return Optional.empty();
        }
        String token = Tokens.newToken();
        Instant now = clock.instant();
        Instant expires = now.plus(sessionLifetime);
        StaffUser user = database.write(connection -> {
            Sql.update(connection, "DELETE FROM sessions WHERE expires_at <= ?", now);
            Sql.update(connection, "INSERT INTO sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    Tokens.hash(token), username, now, expires);
            trail.record(connection, "login", null, null);
            return Sql.one(connection, "SELECT " + USER_COLUMNS + " FROM users u WHERE u.username = ?",
                    Users::user, username).orElseThrow();
        });
        return Optional.of(new Login(token, user, expires));
    }

    /** Ends the session of {@code token}, audited as {@code logout} on {@code trail}; its streams end too. */
    public void logout(String token, AuditTrail trail) {
        String hash = Tokens.hash(token);
        database.write(connection -> {
            Sql.update(connection, "DELETE FROM sessions WHERE token_hash = ?", hash);
            trail.record(connection, "logout", null, null);
            return null;
        });
        ended(Set.of(hash));
    }

    /**
     * Ends every session of {@code username} (a lost phone, a person who left), audited as
     * {@code user.sessions.revoke} on {@code trail}; their open streams end at once.
     *
     * @return how many sessions ended
     */
    public int revokeSessions(String username, AuditTrail trail) {
        Instant now = clock.instant();
        List<String> hashes = database.write(connection -> {
            List<String> live = Sql.query(connection,
                    "SELECT token_hash FROM sessions WHERE username = ? AND expires_at > ?",
                    row -> row.getString(1), username, now);
            Sql.update(connection, "DELETE FROM sessions WHERE username = ?", username);
            trail.record(connection, "user.sessions.revoke", username, live.size() + " sessions");
            return live;
        });
        ended(Set.copyOf(hashes));
        return hashes.size();
    }

    /** The live session of a token's hash, with its user and end. */
    public Optional<Session> session(String tokenHash) {
        Instant now = clock.instant();
        return database.read(connection -> Sql.one(connection,
                "SELECT " + USER_COLUMNS + ", s.expires_at FROM sessions s JOIN users u ON u.username = s.username"
                        + " WHERE s.token_hash = ? AND s.expires_at > ?",
                row -> new Session(tokenHash, user(row), Sql.instant(row, "expires_at")), tokenHash, now));
    }

    private void ended(Set<String> hashes) {
        if (!hashes.isEmpty()) {
            sessionListeners.forEach(listener -> listener.sessionsEnded(hashes));
        }
    }

    /** The user of a live session, by the token's hash. */
    public Optional<StaffUser> bySessionHash(String tokenHash) {
        return session(tokenHash).map(Session::user);
    }

    private static boolean exists(java.sql.Connection connection, String username) throws SQLException {
        return Sql.one(connection, "SELECT username FROM users WHERE username = ?", row -> row.getString(1), username)
                .isPresent();
    }

    private void insert(java.sql.Connection connection, NewUser user, String hash) throws SQLException {
        Sql.update(connection, "INSERT INTO users (username, password_hash, role, village, display_name, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
                user.username(), hash, user.role().name(), user.village(), user.displayName(), clock.instant());
    }

    private static StaffUser user(ResultSet row) throws SQLException {
        return new StaffUser(row.getString("username"), Role.valueOf(row.getString("role")),
                row.getString("village"), row.getString("display_name"));
    }
}
