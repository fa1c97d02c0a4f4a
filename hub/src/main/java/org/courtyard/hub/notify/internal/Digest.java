package org.courtyard.hub.notify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.courtyard.hub.notify.WebhookEvent;

/**
 * Folding: when a robot's budget runs short, the messages that may be folded (missed check-ins,
 * silent and returning kiosks, villages' daily visit digests; never anything about a help request) become one digest,
 * 「【未报平安】另有 12 人未报平安，请结对干部尽快联系：王德福（和平村）、…」, that mentions everyone they
 * mentioned. A digest that could not be sent yet may itself be folded into the next one.
 */
public final class Digest {

    /** At most this many numbers are @-mentioned by one digest (the first ones, in order). */
    public static final int MAX_MENTIONS = 50;

    /** The groups in the order a digest lists them: the short device lines first, the long list last. */
    private static final List<WebhookEvent> ORDER = List.of(WebhookEvent.SILENT, WebhookEvent.BACK,
            WebhookEvent.HOME_BACK, WebhookEvent.CHECKIN_MISSED, WebhookEvent.CARE_DIGEST);

    /** One message to fold: its event's wire name and what the outbox holds for it. */
    public record Folded(String event, StoredNotice notice) {
    }

    private Digest() {
    }

    /**
     * The digest of {@code folded}; {@code sentAlone} are the events of messages that went out on
     * their own just before (the digest then says 另有 for them).
     */
    public static StoredNotice of(List<Folded> folded, Set<String> sentAlone) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        Map<String, Boolean> more = new LinkedHashMap<>();
        Set<String> mentions = new LinkedHashSet<>();
        for (Folded one : folded) {
            StoredNotice notice = one.notice();
            if (notice.hasDigest()) {
                for (StoredNotice.Group group : notice.digest()) {
                    lines.computeIfAbsent(group.event(), event -> new ArrayList<>()).addAll(group.lines());
                    more.merge(group.event(), group.more(), Boolean::logicalOr);
                }
            } else {
                if (notice.fold() == null) {
                    throw new IllegalArgumentException("a message of " + one.event() + " may not be folded");
                }
                lines.computeIfAbsent(one.event(), event -> new ArrayList<>()).add(notice.fold());
                more.merge(one.event(), false, Boolean::logicalOr);
            }
            mentions.addAll(notice.mentions());
        }
        List<StoredNotice.Group> groups = new ArrayList<>();
        for (WebhookEvent event : ORDER) {
            List<String> of = lines.get(event.wireName());
            if (of != null) {
                groups.add(new StoredNotice.Group(event.wireName(),
                        more.get(event.wireName()) || sentAlone.contains(event.wireName()), of));
            }
        }
        if (groups.size() != lines.size()) {
            throw new IllegalArgumentException("only " + ORDER + " may be folded, not " + lines.keySet());
        }
        StoredNotice.Group largest = groups.stream().max((a, b) -> Integer.compare(a.lines().size(),
                b.lines().size())).orElseThrow(() -> new IllegalArgumentException("nothing to fold"));
        return new StoredNotice(null, mentions.stream().limit(MAX_MENTIONS).toList(), page(largest.event()), null,
                groups);
    }

    /** The digest's text: one line per group. */
    public static String text(StoredNotice digest) {
        return digest.digest().stream().map(Digest::line).collect(Collectors.joining("\n"));
    }

    private static String line(StoredNotice.Group group) {
        String how = group.more() ? "另有" : "共有";
        int n = group.lines().size();
        String list = String.join("、", group.lines());
        return switch (WebhookEvent.fromWireName(group.event()).orElseThrow()) {
            case CHECKIN_MISSED -> "【未报平安】" + how + " " + n + " 人未报平安，请结对干部尽快联系：" + list;
            case SILENT -> "【设备失联】" + how + " " + n + " 台设备失联，老人求助可能发不出来，请检查电源和网络：" + list;
            case BACK -> "【设备恢复】" + how + " " + n + " 台设备恢复联系：" + list;
            case HOME_BACK -> "【居家呼叫器恢复】" + how + " " + n + " 台居家呼叫器恢复联系：" + list;
            case CARE_DIGEST -> "【走访提醒】" + how + " " + n + " 个村有要走访的人，请结对干部及时走访：" + list;
            case NEW, OVERDUE, RESOLVED, REPEATED, PERSON -> throw new IllegalStateException("help is never folded");
            case HOME_OFFLINE -> throw new IllegalStateException("an offline home unit goes alone");
        };
    }

    private static String page(String event) {
        return switch (WebhookEvent.fromWireName(event).orElseThrow()) {
            case CHECKIN_MISSED -> "checkins";
            case CARE_DIGEST -> "care";
            default -> "kiosks";
        };
    }
}
