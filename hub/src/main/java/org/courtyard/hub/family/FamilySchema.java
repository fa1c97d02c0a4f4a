package org.courtyard.hub.family;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code family}: contacts, their invitations, their devices and sessions, messages
 * and the changes of messages (the kiosks' {@code messages} cursor). The hub's one migration runner
 * applies these steps as feature {@code "family"}; see {@link Migration} for the rules.
 */
public final class FamilySchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            new Migration(1, "family contacts, invitations, devices, sessions, messages", List.of(
                    // relation: a FamilyRelation name. pin_hash: set when the invitation is redeemed.
                    // failed_pins and locked_until: the PIN's lock-out (docs/family.md).
                    """
                    CREATE TABLE family_contacts (
                      id VARCHAR(16) PRIMARY KEY,
                      resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
                      name VARCHAR(50) NOT NULL,
                      relation VARCHAR(20) NOT NULL,
                      phone VARCHAR(20) NOT NULL,
                      pin_hash VARCHAR(200),
                      failed_pins INTEGER NOT NULL,
                      locked_until BIGINT,
                      created_by VARCHAR(64) NOT NULL,
                      created_at BIGINT NOT NULL,
                      redeemed_at BIGINT,
                      revoked_at BIGINT,
                      revoked_by VARCHAR(64)
                    )""",
                    "CREATE INDEX family_contacts_resident ON family_contacts(resident_id)",
                    // One live invitation per contact; the code is stored as its SHA-256 only, and
                    // redeeming it deletes the row.
                    """
                    CREATE TABLE family_invitations (
                      contact_id VARCHAR(16) PRIMARY KEY REFERENCES family_contacts(id),
                      code_hash VARCHAR(64) NOT NULL UNIQUE,
                      created_by VARCHAR(64) NOT NULL,
                      created_at BIGINT NOT NULL,
                      expires_at BIGINT NOT NULL
                    )""",
                    // A phone that redeemed an invitation: its long-lived device token lets the PIN
                    // alone sign in again there.
                    """
                    CREATE TABLE family_devices (
                      token_hash VARCHAR(64) PRIMARY KEY,
                      contact_id VARCHAR(16) NOT NULL REFERENCES family_contacts(id),
                      created_at BIGINT NOT NULL,
                      expires_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX family_devices_contact ON family_devices(contact_id)",
                    """
                    CREATE TABLE family_sessions (
                      token_hash VARCHAR(64) PRIMARY KEY,
                      contact_id VARCHAR(16) NOT NULL REFERENCES family_contacts(id),
                      created_at BIGINT NOT NULL,
                      expires_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX family_sessions_contact ON family_sessions(contact_id)",
                    // direction: TO_RESIDENT (the family member recorded it) or FROM_RESIDENT (a reply
                    // recorded at a kiosk, to contact_id). Audio: DATA/family-messages/<sha256>.wav,
                    // sha256 NULL once deleted (the row stays as the kiosks' tombstone).
                    """
                    CREATE TABLE family_messages (
                      id VARCHAR(36) PRIMARY KEY,
                      resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
                      contact_id VARCHAR(16) NOT NULL REFERENCES family_contacts(id),
                      direction VARCHAR(16) NOT NULL,
                      reply_to VARCHAR(36),
                      kiosk_id VARCHAR(16),
                      sha256 VARCHAR(64),
                      bytes BIGINT,
                      duration_ms BIGINT,
                      sent_at BIGINT NOT NULL,
                      delivered_at BIGINT,
                      heard_at BIGINT,
                      heard_kiosk VARCHAR(16),
                      deleted_at BIGINT
                    )""",
                    "CREATE INDEX family_messages_resident ON family_messages(resident_id, sent_at)",
                    "CREATE INDEX family_messages_contact ON family_messages(contact_id, sent_at)",
                    "CREATE INDEX family_messages_sent ON family_messages(sent_at)",
                    // seq: see help_history.seq in HelpSchema; a kiosk's cursor carries the newest seq
                    // of its village it was sent.
                    """
                    CREATE TABLE family_message_changes (
                      seq INTEGER PRIMARY KEY,
                      message_id VARCHAR(36) NOT NULL,
                      village VARCHAR(100) NOT NULL,
                      changed_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX family_message_changes_village ON family_message_changes(village, seq)")));

    private FamilySchema() {
    }
}
