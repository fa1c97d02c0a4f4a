package org.courtyard.hub.help;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.courtyard.protocol.HelpStatus;

/**
 * Which requests a list shows: statuses (empty for all), one village, one kiosk (the page is a
 * {@code PageRequest} beside it).
 * With statuses, {@code cancelledWithin} adds the requests cancelled no longer ago than that (the
 * staff page's default list keeps a cancelled request, marked 已取消, for ten minutes).
 */
public record HelpFilter(Set<HelpStatus> statuses, Optional<String> village, Optional<String> kioskId,
        Optional<Duration> cancelledWithin) {

    public HelpFilter {
        statuses = Set.copyOf(statuses);
    }

    /** Without recently cancelled requests added. */
    public HelpFilter(Set<HelpStatus> statuses, Optional<String> village, Optional<String> kioskId) {
        this(statuses, village, kioskId, Optional.empty());
    }
}
