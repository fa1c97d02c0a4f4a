package org.courtyard.hub.notify;

import java.time.Instant;
import java.util.List;

/**
 * A webhook receiver as the staff page shows it: which it is (never its key or secret), how it is
 * doing, and what waits for it.
 *
 * @param id the N of {@code webhook.N}
 * @param name its name, or {@code webhook N}
 * @param format {@code json}, {@code wecom} or {@code dingtalk}
 * @param events the events it is told of, as in {@code webhook.N.events}
 * @param perMinute a robot's budget of messages a minute; 0 for a JSON receiver
 * @param state {@code OK}; {@code FAILING} (the last attempt failed, trying again); {@code THROTTLED}
 *     (the robot said too fast, waiting until {@code pausedUntil}); {@code BROKEN} (the robot refuses
 *     the key or signature: nothing goes but the test message until it works)
 * @param problem for BROKEN: {@code INVALID_KEY}, {@code BAD_SIGNATURE}, {@code BAD_TIMESTAMP},
 *     {@code KEYWORD} or {@code IP_NOT_ALLOWED}; else null
 * @param since when the state began (null when OK)
 * @param pausedUntil nothing is sent before this (throttled, or waiting to try an unreachable robot again)
 * @param lastError what the receiver said last when it did not take a message ({@code errcode 93000: …},
 *     {@code HTTP 502}, {@code ConnectException}); kept after a success
 * @param failures failed attempts since the last delivery
 * @param failedMessages messages given up after {@code webhook.max-attempts}
 * @param queued messages waiting (a digest's folded messages count each)
 * @param sentLastMinute messages sent to the robot in its budget's window
 */
public record ReceiverView(String id, String name, String format, String host, List<String> events, int perMinute,
        String state, String problem, Instant since, Instant pausedUntil, Instant lastDeliveredAt, Instant lastFailedAt,
        String lastError, int failures, int failedMessages, int queued, int sentLastMinute) {

    public ReceiverView {
        events = List.copyOf(events);
    }
}
