package org.courtyard.hub.auth;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code auth}: staff users and their sessions. The hub's one migration runner
 * applies these steps as feature {@code "auth"}; see {@link Migration} for the rules.
 */
public final class AuthSchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            new Migration(1, "users and their sessions", List.of(
                    """
                    CREATE TABLE users (
                      username VARCHAR(64) PRIMARY KEY,
                      password_hash VARCHAR(200) NOT NULL,
                      role VARCHAR(16) NOT NULL,
                      village VARCHAR(100),
                      display_name VARCHAR(100),
                      created_at BIGINT NOT NULL
                    )""",
                    """
                    CREATE TABLE sessions (
                      token_hash VARCHAR(64) PRIMARY KEY,
                      username VARCHAR(64) NOT NULL REFERENCES users(username) ON DELETE CASCADE,
                      created_at BIGINT NOT NULL,
                      expires_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX sessions_expiry ON sessions(expires_at)")));

    private AuthSchema() {
    }
}
