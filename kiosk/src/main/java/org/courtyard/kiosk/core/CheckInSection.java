package org.courtyard.kiosk.core;

import java.util.List;

/**
 * One button of the check-in screen's first step in a village of several 村民小组: a group
 * ({@code group}, null for the residents the ledger puts in none) and its residents in the order
 * the tiles show them. {@code key} is the group's name, or "" for those in none.
 */
public record CheckInSection(String key, String group, List<ResidentTile> residents) {

    public CheckInSection {
        residents = List.copyOf(residents);
    }
}
