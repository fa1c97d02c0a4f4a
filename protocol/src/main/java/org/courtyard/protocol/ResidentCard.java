package org.courtyard.protocol;

/**
 * A resident as a kiosk needs them for the check-in screen: who, and which photo to show. The
 * kiosk gets nothing else about a person (no phone, address or school). {@code photoSha256} is the
 * SHA-256 (lowercase hex) of the resident's photo on the hub, or null when there is none; the kiosk
 * downloads the photo from {@code GET /api/v1/residents/{id}/photo} with its token and keeps it by
 * that checksum, so a changed photo has a new checksum and an unchanged one is never fetched again.
 */
public record ResidentCard(String id, String name, ResidentType type, String photoSha256) {

    public ResidentCard {
        Require.text(id, "id");
        Require.text(name, "name");
        Require.present(type, "type");
        if (photoSha256 != null && !photoSha256.matches("[0-9a-f]{64}")) {
            throw Require.invalid("photoSha256", "field 'photoSha256' must be 64 lowercase hex digits");
        }
    }
}
