package org.courtyard.kiosk.core;

import java.util.List;

/**
 * What the check-in screen shows: the village's residents as tiles, those who usually check in
 * at this kiosk first, and after a tap, who was just thanked ({@code thanked}, null otherwise).
 */
public record CheckInView(List<ResidentTile> residents, ResidentTile thanked) {

    public static final CheckInView EMPTY = new CheckInView(List.of(), null);

    public CheckInView {
        residents = List.copyOf(residents);
    }

    public CheckInView withResidents(List<ResidentTile> value) {
        return new CheckInView(value, thanked);
    }

    public CheckInView withThanked(ResidentTile value) {
        return new CheckInView(residents, value);
    }
}
