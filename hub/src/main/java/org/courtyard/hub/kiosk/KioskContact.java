package org.courtyard.hub.kiosk;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.sync.BatchHook;
import org.courtyard.hub.sync.IncomingEvent;
import org.courtyard.protocol.Heartbeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the kiosk feature takes from syncs: every batch is a contact ({@code last_seen_at}, written
 * at most every {@link Kiosks#contactRefresh()} for batches without events), and a
 * HEARTBEAT is the kiosk's newest health report. After a batch that carried events or brought the
 * kiosk back online, the {@link KioskListener}s hear of it (the live stream's {@code kiosk-seen},
 * the fleet watch).
 */
public final class KioskContact implements BatchHook {

    private static final Logger LOG = LoggerFactory.getLogger(KioskContact.class);

    private final Kiosks kiosks;
    private final List<KioskListener> listeners = new CopyOnWriteArrayList<>();

    public KioskContact(Kiosks kiosks) {
        this.kiosks = kiosks;
    }

    public void addListener(KioskListener listener) {
        listeners.add(listener);
    }

    @Override
    public void applied(Connection connection, KioskIdentity kiosk, int eventsSent, Instant receivedAt,
            Consumer<Runnable> afterCommit) throws SQLException {
        boolean cameOnline = kiosks.touch(connection, kiosk.kioskId(), receivedAt);
        if (eventsSent > 0 || cameOnline) {
            afterCommit.accept(() -> kiosks.find(kiosk.kioskId()).ifPresent(this::tell));
        }
    }

    /**
     * A batch without events is written only when the stored contact is older than
     * {@link Kiosks#contactRefresh()}: a long-poll answered every 25 s need not commit each time.
     */
    @Override
    public boolean needsWrite(KioskIdentity kiosk, Instant receivedAt) {
        return kiosks.contactIsStale(kiosk.kioskId(), receivedAt);
    }

    /** The HEARTBEAT handler: stores the report as the kiosk's newest. */
    public void heartbeat(IncomingEvent<Heartbeat> event) throws SQLException {
        kiosks.recordHeartbeat(event.connection(), event.kiosk().kioskId(), event.payloadJson(),
                event.receivedAt());
    }

    private void tell(KioskView kiosk) {
        for (KioskListener listener : listeners) {
            try {
                listener.seen(kiosk);
            } catch (RuntimeException e) {
                LOG.error("a kiosk listener failed on kiosk {}", kiosk.id(), e);
            }
        }
    }
}
