package org.courtyard.kiosk.checkin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.courtyard.kiosk.core.CheckInSection;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.protocol.NameOrder;

/**
 * How the check-in screen splits a big village so that anyone is three taps away: first its
 * 村民小组 ({@link #of}), then, for a list longer than the screen's pages reach in one tap, parts
 * of it by name ({@link #ranges}).
 *
 * <p>The screen's page buttons go round (上一页 on the first page shows the last), so every tile of a
 * list of at most three pages is on the first page, one 下一页 or one 上一页 away. A list of a group
 * is therefore tiles at once when it is at most three pages; else its parts come first, one page
 * each (group, part, tile). A village without groups gets parts of three pages each (part, page
 * button, tile).
 */
public final class CheckInSections {

    private CheckInSections() {
    }

    /**
     * The village's 村民小组 in their order ({@link NameOrder#GROUPS}; those in none last), each with
     * its residents in the order of {@code tiles}. Empty when everyone is in the same group or none.
     */
    public static List<CheckInSection> of(List<ResidentTile> tiles) {
        Map<String, List<ResidentTile>> byGroup = new LinkedHashMap<>();
        tiles.stream().map(ResidentTile::group).distinct()
                .sorted(Comparator.nullsLast(NameOrder.GROUPS))
                .forEach(group -> byGroup.put(group == null ? "" : group, new ArrayList<>()));
        if (byGroup.size() <= 1) {
            return List.of();
        }
        for (ResidentTile tile : tiles) {
            byGroup.get(tile.group() == null ? "" : tile.group()).add(tile);
        }
        List<CheckInSection> sections = new ArrayList<>();
        byGroup.forEach((key, members) -> sections.add(new CheckInSection(key, key.isEmpty() ? null : key, members)));
        return sections;
    }

    /**
     * {@code tiles} in parts of at most {@code size}, of nearly equal size, by name in pinyin order:
     * each part names where it runs from and to (the surnames, or more of the name where two parts
     * meet within a surname, so that no two parts claim the same names) and keeps the order of
     * {@code tiles}. One part when they all fit.
     */
    public static List<NameRange> ranges(List<ResidentTile> tiles, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + size);
        }
        List<ResidentTile> byName = new ArrayList<>(tiles);
        byName.sort(Comparator.comparing(ResidentTile::name, NameOrder.NAMES));
        int parts = Math.max(1, (tiles.size() + size - 1) / size);
        List<List<ResidentTile>> chunks = new ArrayList<>();
        int from = 0;
        for (int part = 0; part < parts; part++) {
            int to = from + (tiles.size() - from) / (parts - part);
            chunks.add(byName.subList(from, to));
            from = to;
        }
        List<NameRange> out = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            List<ResidentTile> chunk = chunks.get(i);
            String first = chunk.get(0).name();
            String last = chunk.get(chunk.size() - 1).name();
            String before = i == 0 ? null : lastName(chunks.get(i - 1));
            String after = i == chunks.size() - 1 ? null : chunks.get(i + 1).get(0).name();
            List<ResidentTile> shown = tiles.stream().filter(chunk::contains).toList();
            out.add(new NameRange(distinct(first, before), distinct(last, after), shown));
        }
        return out;
    }

    private static String lastName(List<ResidentTile> chunk) {
        return chunk.get(chunk.size() - 1).name();
    }

    /**
     * The surname of {@code name}, or as many characters as tell it from {@code neighbour} (the name
     * across the boundary) when both begin alike: 李 — but 李小 and 李秀 where two parts meet among the 李s.
     */
    private static String distinct(String name, String neighbour) {
        int length = Character.charCount(name.codePointAt(0));
        while (neighbour != null && length < name.length() && neighbour.startsWith(name.substring(0, length))) {
            length += Character.charCount(name.codePointAt(length));
        }
        return name.substring(0, length);
    }

    /**
     * Residents whose names run from {@code from} to {@code to} (the surnames, longer where two
     * parts meet within one surname), in the order shown.
     */
    public record NameRange(String from, String to, List<ResidentTile> residents) {

        public NameRange {
            residents = List.copyOf(residents);
        }
    }
}
