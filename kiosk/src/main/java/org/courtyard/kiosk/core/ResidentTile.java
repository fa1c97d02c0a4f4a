package org.courtyard.kiosk.core;

import java.nio.file.Path;
import org.courtyard.protocol.ResidentType;

/**
 * A resident as a tile of the check-in screen: the name, and either the cached photo or, until it
 * is downloaded or when there is none, the first character of the name as a large avatar.
 *
 * @param photo the cached photo file, or null to draw the {@link #initial()}
 */
public record ResidentTile(String id, String name, ResidentType type, Path photo) {

    /** The first character of the name (the surname), for the avatar of a tile without a photo. */
    public String initial() {
        return name.isEmpty() ? "?" : name.substring(0, Character.charCount(name.codePointAt(0)));
    }
}
