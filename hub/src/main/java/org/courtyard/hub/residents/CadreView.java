package org.courtyard.hub.residents;

import java.time.Instant;
import java.util.List;

/**
 * CADRE in the API. {@code hasPin} says whether the cadre can use a kiosk's cadre mode; the PIN and
 * its hash are never shown. {@code residents} are the people paired with them. Lists mask the phone.
 * {@code version} is one more with every change, the resource's ETag.
 */
public record CadreView(String id, String name, String village, String phone, String username, boolean hasPin,
        boolean active, List<ResidentRef> residents, Instant createdAt, Instant updatedAt, long version) {

    /** A resident paired with the cadre. */
    public record ResidentRef(String id, String name) {
    }

    public CadreView {
        residents = List.copyOf(residents);
    }

    public CadreView masked() {
        return new CadreView(id, name, village, Phones.mask(phone), username, hasPin, active, residents, createdAt,
                updatedAt, version);
    }

    @Override
    public String toString() {
        return "CadreView[id=" + id + ", village=" + village + "]";
    }
}
