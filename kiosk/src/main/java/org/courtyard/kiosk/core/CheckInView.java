package org.courtyard.kiosk.core;

import java.time.Instant;
import java.util.List;

/**
 * What the check-in screen shows. {@code residents}: the village's residents as tiles, in the
 * order they are shown (those who usually check in at this kiosk first, those who checked in today
 * last). {@code sections}: the village's 村民小组, which the screen offers first; empty when
 * everyone is in one group (or none). {@code section}: the key of the group chosen, or null.
 * {@code part}: which part by name of a list too long for the screen's pages was chosen (the screen
 * decides the parts), or -1. After a tap, {@code thanked} is who was just thanked (null otherwise)
 * and until {@code undoUntil} they may take it back with 「不是我」.
 */
public record CheckInView(List<ResidentTile> residents, List<CheckInSection> sections, String section, int part,
        ResidentTile thanked, Instant undoUntil) {

    public static final CheckInView EMPTY = new CheckInView(List.of(), List.of(), null, -1, null, null);

    public CheckInView {
        residents = List.copyOf(residents);
        sections = List.copyOf(sections);
    }

    /** Tiles in one list, nothing chosen, nobody thanked. */
    public CheckInView(List<ResidentTile> residents, ResidentTile thanked) {
        this(residents, List.of(), null, -1, thanked, null);
    }

    /**
     * The residents and the groups; the chosen group and part stay if the group is still offered
     * (a part index may then point past the end, which the screen treats as none).
     */
    public CheckInView withResidents(List<ResidentTile> value, List<CheckInSection> sectionsValue) {
        boolean kept = section == null || sectionsValue.stream().anyMatch(s -> s.key().equals(section));
        return new CheckInView(value, sectionsValue, kept ? section : null, kept ? part : -1, thanked, undoUntil);
    }

    /** A group chosen (null: none), no part yet. */
    public CheckInView withSection(String value) {
        return new CheckInView(residents, sections, value, -1, thanked, undoUntil);
    }

    /** A part chosen (-1: none). */
    public CheckInView withPart(int value) {
        return new CheckInView(residents, sections, section, value, thanked, undoUntil);
    }

    /** Thanks {@code value} (null: nobody), who may take it back until {@code until} (null: not at all). */
    public CheckInView withThanked(ResidentTile value, Instant until) {
        return new CheckInView(residents, sections, section, part, value, value == null ? null : until);
    }

    public CheckInView withThanked(ResidentTile value) {
        return withThanked(value, null);
    }

    /** The screen opened anew: the first step again, nobody thanked. */
    public CheckInView opened() {
        return new CheckInView(residents, sections, null, -1, null, null);
    }

    /** One step back: from a part to its list, from a group's list to the groups. */
    public CheckInView back() {
        return part >= 0 ? withPart(-1) : withSection(null);
    }

    /** Whether {@link #back()} stays on the check-in screen: a part or a group is chosen. */
    public boolean canGoBack() {
        return thanked == null && (part >= 0 || section != null);
    }

    /** The chosen group, or null when none is chosen (or there are none). */
    public CheckInSection chosen() {
        return sections.stream().filter(s -> s.key().equals(section)).findFirst().orElse(null);
    }

    /** The list to show now: the chosen group's, or everybody's when there are no groups; else empty. */
    public List<ResidentTile> shownTiles() {
        CheckInSection chosen = chosen();
        return chosen != null ? chosen.residents() : sections.isEmpty() ? residents : List.of();
    }

    /** What the screen says as its first step shows: which group first when it offers groups, else who. */
    public String openingPrompt() {
        return sections.isEmpty() ? "checkin.prompt" : "checkin.groups.prompt";
    }

    /** Whether 「不是我」 may still take back the last check-in at {@code now}. */
    public boolean undoable(Instant now) {
        return thanked != null && undoUntil != null && now.isBefore(undoUntil);
    }
}
