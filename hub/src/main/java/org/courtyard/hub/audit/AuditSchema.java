package org.courtyard.hub.audit;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code audit}: the audit log of staff actions. The hub's one migration runner
 * applies these steps as feature {@code "audit"}; see {@link Migration} for the rules.
 */
public final class AuditSchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            // seq: see help_history.seq in HelpSchema. username is who acted (for a failed login: the name tried,
            // which may belong to nobody), so it has no foreign key.
            new Migration(1, "audit log of staff actions", List.of(
                    """
                    CREATE TABLE audit_log (
                      seq INTEGER PRIMARY KEY,
                      at BIGINT NOT NULL,
                      username VARCHAR(64) NOT NULL,
                      action VARCHAR(64) NOT NULL,
                      target VARCHAR(200),
                      detail TEXT,
                      address VARCHAR(64) NOT NULL
                    )""",
                    "CREATE INDEX audit_log_at ON audit_log(at)",
                    "CREATE INDEX audit_log_user ON audit_log(username, at)")));

    private AuditSchema() {
    }
}
