package org.courtyard.hub.sync;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The window of believable kiosk times: from 2020-01-01 to one year after the hub received the
 * event. A Raspberry Pi has no battery clock; before it reaches network time it counts from 1970
 * or from a stale date, and a time outside this window says nothing about when the event happened.
 * The sync keeps such an event (a help request is never lost to a wrong clock) but records it at
 * the hub's receive time with {@code clockTrusted=false}; see docs/protocol.md, section 1.
 */
public final class KioskTime {

    /** The earliest believable kiosk time. */
    public static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");

    private KioskTime() {
    }

    /** Whether {@code time}, by a kiosk's clock, can be believed for an event received at {@code receivedAt}. */
    public static boolean believable(Instant time, Instant receivedAt) {
        return !time.isBefore(EARLIEST)
                && !time.isAfter(receivedAt.atOffset(ZoneOffset.UTC).plusYears(1).toInstant());
    }
}
