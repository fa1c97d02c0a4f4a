package org.courtyard.hub.notify;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code notify}: the webhook outbox. The hub's one migration runner applies these
 * steps as feature {@code "notify"}; see {@link Migration} for the rules.
 */
public final class NotifySchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            new Migration(1, "webhook outbox", List.of(
                    // id: see help_history.seq in HelpSchema.
                    """
                    CREATE TABLE webhook_outbox (
                      id INTEGER PRIMARY KEY,
                      event VARCHAR(32) NOT NULL,
                      url TEXT NOT NULL,
                      body TEXT NOT NULL,
                      attempts INTEGER NOT NULL,
                      next_attempt_at BIGINT NOT NULL,
                      created_at BIGINT NOT NULL,
                      delivered_at BIGINT,
                      failed_at BIGINT,
                      last_error TEXT
                    )""",
                    "CREATE INDEX webhook_outbox_due ON webhook_outbox(delivered_at, failed_at, next_attempt_at)")));

    private NotifySchema() {
    }
}
