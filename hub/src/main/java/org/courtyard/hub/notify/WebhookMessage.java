package org.courtyard.hub.notify;

/**
 * One event as every kind of receiver gets it: {@code json} for the JSON format (a document of its
 * own), {@code notice} for the group robots.
 */
public record WebhookMessage(String json, Notice notice) {

    public WebhookMessage {
        if (json == null || json.isBlank() || notice == null) {
            throw new IllegalArgumentException("a webhook message needs its JSON body and its notice");
        }
    }
}
