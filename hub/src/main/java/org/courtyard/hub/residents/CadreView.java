package org.courtyard.hub.residents;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.courtyard.protocol.NameOrder;

/**
 * CADRE in the API. {@code hasPin} says whether the cadre can use a kiosk's cadre mode; the PIN and
 * its hash are never shown. {@code residents} are the people paired with them. Lists mask the phone.
 * {@code version} is one more with every change, the resource's ETag.
 */
public record CadreView(String id, String name, String village, String phone, String username, boolean hasPin,
        boolean active, List<ResidentRef> residents, Instant createdAt, Instant updatedAt, long version, Level level,
        CadreKind kind) {

    /** A resident paired with the cadre. */
    public record ResidentRef(String id, String name) {
    }

    /**
     * The name's sort key ({@link NameOrder#sortKey}): the staff page orders people by comparing
     * these as plain strings, which is the kiosk's pinyin order.
     */
    @JsonProperty("nameKey")
    public String nameKey() {
        return NameOrder.sortKey(name);
    }

    public CadreView {
        residents = List.copyOf(residents);
    }

    public CadreView masked() {
        return new CadreView(id, name, village, Phones.mask(phone), username, hasPin, active, residents, createdAt,
                updatedAt, version, level, kind);
    }

    @Override
    public String toString() {
        return "CadreView[id=" + id + ", village=" + village + "]";
    }
}
