package org.courtyard.hub.family;

import java.util.List;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.sync.PartAnswer;
import org.courtyard.hub.sync.SyncPart;
import org.courtyard.protocol.FamilyMessage;

/**
 * The {@code messages} of a sync answer: the family messages to residents of the kiosk's village
 * that were sent, delivered, heard or deleted since its slice (slice {@code "messages"}, the last
 * {@code family_message_changes.seq} of the village sent). A change wakes the village's held
 * long-polls (the feature wires that to {@link FamilyMessages#addListener}).
 *
 * <p>A home unit (issue 15) gets only its own resident's messages: the slice still moves past the
 * village's other changes, but their messages never leave the hub for a device in someone's home.
 */
public final class MessagesPart implements SyncPart {

    /** Most messages in one answer; a kiosk with more gets the rest on its next sync. */
    public static final int MAX_PER_ANSWER = 50;

    private final FamilyMessages messages;

    public MessagesPart(FamilyMessages messages) {
        this.messages = messages;
    }

    @Override
    public String name() {
        return "messages";
    }

    @Override
    public boolean isAhead(long slice) {
        return slice > messages.newestChange();
    }

    @Override
    public boolean hasNews(KioskIdentity kiosk, long slice) {
        return messages.hasNews(kiosk.village(), slice);
    }

    @Override
    public PartAnswer answer(KioskIdentity kiosk, long slice) {
        FamilyMessages.News news = messages.newsFor(kiosk.village(), slice, MAX_PER_ANSWER);
        List<FamilyMessage> reach = kiosk.home()
                ? news.messages().stream().filter(message -> kiosk.residentId().equals(message.residentId())).toList()
                : news.messages();
        return PartAnswer.of(news.slice(), "messages", reach);
    }

    @Override
    public PartAnswer unchanged(KioskIdentity kiosk, long slice) {
        return PartAnswer.of(slice, "messages", List.of());
    }
}
