package org.courtyard.hub.notify;

import java.util.List;

/**
 * A message for the group robots (WeCom, DingTalk), before it is put in a robot's format: the
 * Chinese text for the township's group, the mobile numbers to @-mention, and the staff page's
 * part for the item ({@code help/ID}, {@code checkins}, {@code kiosks}), which becomes a link when
 * {@code hub.public-url} is set. The sender cuts the text to the robot's byte limit, never the
 * mentions or the link.
 *
 * <p>The robots @-mention a group member only when the number is exactly the mobile number of
 * their account ({@code 13900001111}), so numbers are mentioned as the robots match them: without
 * the spaces and {@code -} people type ({@code 139 0000 1111}) and without China's {@code +86}.
 *
 * @param foldLine for an event that may be folded into a digest: its line there ({@code 王德福（和平村）});
 *     null for a message that always goes alone
 */
public record Notice(String text, List<String> mentions, String page, String foldLine) {

    public Notice {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a notice needs its text");
        }
        mentions = mentions == null ? List.of()
                : mentions.stream().filter(phone -> phone != null && !phone.isBlank()).map(Notice::mentionable)
                        .distinct().toList();
        if (page == null || page.isBlank() || page.startsWith("#") || page.startsWith("/")) {
            throw new IllegalArgumentException("a notice's page is the staff page's part without '#', was '" + page
                    + "'");
        }
    }

    /** {@code phone} as the robots match a member's mobile number: {@code +86 139-0000 1111} → {@code 13900001111}. */
    static String mentionable(String phone) {
        String digits = phone.replaceAll("[\\s-]", "");
        return digits.startsWith("+86") ? digits.substring(3) : digits;
    }

    /** A notice that always goes alone. */
    public static Notice alone(String text, List<String> mentions, String page) {
        return new Notice(text, mentions, page, null);
    }
}
