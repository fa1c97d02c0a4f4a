package org.courtyard.hub.notify.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What a group robot is sent now, within its budget of {@code perMinute} messages in any minute.
 *
 * <p>Messages that always go alone (help, the test message) go first, oldest first within their
 * priority, as many as the budget allows; the rest wait for the next minute. The others may use
 * the budget only up to {@code perMinute - reserve}, so that a help request raised a moment later
 * still finds room in the same minute. When they do not all fit, as many as fit but one go alone and
 * the remaining ones are folded into one digest, the last message of the minute: nothing waits
 * past the minute and nothing is dropped.
 */
public final class Budget {

    /** The {@code priority} of messages that may be folded. */
    public static final int FOLDABLE = 3;

    /** One due message, in the order it would be sent (priority, then age). */
    public record Due(long id, int priority) {
    }

    /**
     * @param alone the messages to send each on its own, in this order
     * @param fold the messages to fold into one digest sent after them (none, or at least two)
     */
    public record Plan(List<Due> alone, List<Due> fold) {
    }

    private Budget() {
    }

    /** Sent at most this share of a minute's budget is kept free for help: a fifth (4 of 20). */
    public static int reserve(int perMinute) {
        return perMinute / 5;
    }

    /**
     * @param due the messages due now, ordered by priority then age
     * @param sentInWindow messages already sent to this robot in the last minute
     */
    public static Plan plan(List<Due> due, int sentInWindow, int perMinute) {
        int free = perMinute - sentInWindow;
        List<Due> alone = new ArrayList<>();
        List<Due> foldable = new ArrayList<>();
        for (Due message : due) {
            if (message.priority() < FOLDABLE) {
                if (alone.size() < free) {
                    alone.add(message);
                }
            } else {
                foldable.add(message);
            }
        }
        int room = perMinute - reserve(perMinute) - sentInWindow - alone.size();
        if (room <= 0 || foldable.isEmpty()) {
            return new Plan(alone, List.of());
        }
        if (foldable.size() <= room) {
            alone.addAll(foldable);
            return new Plan(alone, List.of());
        }
        alone.addAll(foldable.subList(0, room - 1));
        return new Plan(alone, List.copyOf(foldable.subList(room - 1, foldable.size())));
    }
}
