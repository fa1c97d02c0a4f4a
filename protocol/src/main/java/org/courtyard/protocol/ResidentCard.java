package org.courtyard.protocol;

/**
 * A resident as a kiosk needs them for the check-in screen: who, which photo to show, and which
 * 村民小组 they belong to. The kiosk gets nothing else about a person (no phone, address or
 * school). {@code photoSha256} is the SHA-256 (lowercase hex) of the resident's photo on the hub,
 * or null when there is none; the kiosk downloads the photo from
 * {@code GET /api/v1/residents/{id}/photo} with its token and keeps it by that checksum, so a changed
 * photo has a new checksum and an unchanged one is never fetched again. {@code group} is the
 * resident's 村民小组 as the ledger names it ("三组"), or null when the ledger has none; a blank one
 * reads as null.
 */
public record ResidentCard(String id, String name, ResidentType type, String photoSha256, String group) {

    public ResidentCard {
        Require.text(id, "id");
        Require.text(name, "name");
        Require.present(type, "type");
        if (photoSha256 != null && !photoSha256.matches("[0-9a-f]{64}")) {
            throw Require.invalid("photoSha256", "field 'photoSha256' must be 64 lowercase hex digits");
        }
        group = Require.optionalText(group, "group");
        group = group == null || group.isBlank() ? null : group.strip();
    }

    /** A resident whom the ledger puts in no 村民小组. */
    public ResidentCard(String id, String name, ResidentType type, String photoSha256) {
        this(id, name, type, photoSha256, null);
    }
}
