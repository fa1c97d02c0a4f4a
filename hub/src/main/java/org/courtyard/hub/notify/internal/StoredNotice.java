package org.courtyard.hub.notify.internal;

import java.util.List;
import org.courtyard.hub.notify.Notice;
import org.courtyard.protocol.ProtocolJson;

/**
 * A robot's message as the outbox keeps it ({@code body_kind} 'notice'): one {@link Notice}, or a
 * digest of folded ones. Made into a robot's format only when sent, so the link follows
 * {@code hub.public-url} and a receiver's new format or key applies to what is queued.
 *
 * @param fold a single notice's line in a digest; null for one that always goes alone, and for a digest
 * @param digest the groups of a digest; null for a single notice
 */
public record StoredNotice(String text, List<String> mentions, String page, String fold, List<Group> digest) {

    /**
     * The folded messages of one event in a digest.
     *
     * @param event the event's wire name ({@code checkin.missed})
     * @param more whether some messages of the event went out on their own just before, so the
     *     digest says 另有 (more) rather than 共有 (in all)
     */
    public record Group(String event, boolean more, List<String> lines) {

        public Group {
            lines = List.copyOf(lines);
        }
    }

    public StoredNotice {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        digest = digest == null ? null : List.copyOf(digest);
    }

    public static StoredNotice of(Notice notice) {
        return new StoredNotice(notice.text(), notice.mentions(), notice.page(), notice.foldLine(), null);
    }

    public static StoredNotice read(String json) {
        return ProtocolJson.read(json, StoredNotice.class);
    }

    public String write() {
        return ProtocolJson.write(this);
    }

    public boolean hasDigest() {
        return digest != null;
    }
}
