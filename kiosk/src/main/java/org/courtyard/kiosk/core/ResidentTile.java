package org.courtyard.kiosk.core;

import java.nio.file.Path;
import org.courtyard.protocol.ResidentType;

/**
 * A resident as a tile of the check-in screen (and of the cadre's visit record): the name, the
 * cached photo or, until it is downloaded or when there is none, the whole name large; their
 * 村民小组; and whether they already checked in here today (the tile then says 「今天已报」 and
 * comes last).
 *
 * @param photo the cached photo file, or null to show the name instead
 * @param group the resident's 村民小组, or null when the ledger gives none
 */
public record ResidentTile(String id, String name, ResidentType type, Path photo, String group,
        boolean checkedInToday) {

    /** A tile without a 村民小组 of someone who has not checked in today. */
    public ResidentTile(String id, String name, ResidentType type, Path photo) {
        this(id, name, type, photo, null, false);
    }
}
