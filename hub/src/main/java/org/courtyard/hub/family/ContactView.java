package org.courtyard.hub.family;

import java.time.Instant;

/**
 * A family contact as staff see it: who, how related, the phone (masked in lists), where their
 * invitation stands, and how many messages went each way. Staff see that messages exist, never
 * what they say.
 *
 * @param status {@code NEW} (no invitation yet), {@code INVITED} (a live invitation),
 *     {@code ACTIVE} (redeemed, PIN set), {@code REVOKED}
 * @param invitationExpiresAt when the live invitation stops working, or null
 * @param toResident messages the family member sent
 * @param unheard of those, not heard yet
 * @param fromResident replies recorded at a kiosk
 */
public record ContactView(String id, String residentId, String residentName, String village, String name,
        String relation, String phone, String status, Instant createdAt, String createdBy,
        Instant invitationExpiresAt, Instant redeemedAt, Instant revokedAt, int toResident, int unheard,
        int fromResident) {

    @Override
    public String toString() {
        return "ContactView[id=" + id + ", residentId=" + residentId + "]";
    }
}
