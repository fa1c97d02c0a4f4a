package org.courtyard.hub.notify;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code notify}: the webhook outbox and the webhook receivers' state. The hub's one migration runner applies these
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
                    "CREATE INDEX webhook_outbox_due ON webhook_outbox(delivered_at, failed_at, next_attempt_at)")),
            // receiver: the N of webhook.N (null in rows written before; matched by url when the
            // hub starts). url now holds the address without its query, where robots keep their
            // key. body_kind 'raw': body is sent as it is; 'notice': body is the message for a group
            // robot, put into the robot's format when sent. priority: 0 new or overdue help, 1 test,
            // 2 other help, 3 may be folded into a digest; folded_into: the digest row that carries it.
            // webhook_receivers: what the staff page shows of each receiver, and its rate window.
            new Migration(2, "webhook receivers, robot priorities and digests", List.of(
                    "ALTER TABLE webhook_outbox ADD COLUMN receiver VARCHAR(32)",
                    "ALTER TABLE webhook_outbox ADD COLUMN body_kind VARCHAR(8) NOT NULL DEFAULT 'raw'",
                    "ALTER TABLE webhook_outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 2",
                    "ALTER TABLE webhook_outbox ADD COLUMN folded_into BIGINT",
                    "CREATE INDEX webhook_outbox_receiver ON webhook_outbox(receiver, delivered_at, failed_at, priority)",
                    """
                    CREATE TABLE webhook_receivers (
                      id VARCHAR(32) PRIMARY KEY,
                      fingerprint VARCHAR(64) NOT NULL,
                      last_delivered_at BIGINT,
                      last_failed_at BIGINT,
                      last_error TEXT,
                      failures INTEGER NOT NULL,
                      failing_since BIGINT,
                      paused_until BIGINT,
                      throttled BOOLEAN NOT NULL,
                      broken_since BIGINT,
                      problem VARCHAR(32),
                      recent_sends TEXT NOT NULL
                    )""")));

    private NotifySchema() {
    }
}
