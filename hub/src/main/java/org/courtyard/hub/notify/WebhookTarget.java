package org.courtyard.hub.notify;

import java.net.URI;
import java.util.Set;

/**
 * One configured receiver. The URL may carry a secret (WeCom robot keys do): the hub logs only
 * its host.
 */
public record WebhookTarget(URI url, WebhookFormat format, Set<WebhookEvent> events) {

    public WebhookTarget {
        if (url == null || url.getScheme() == null
                || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("webhook url must be an absolute http or https URL");
        }
        if (format == null) {
            throw new IllegalArgumentException("webhook format is required");
        }
        events = Set.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("webhook events must name at least one of "
                    + WebhookEvent.DEFAULT_CONFIG.replace(",", ", "));
        }
    }

    @Override
    public String toString() {
        return "WebhookTarget[host=" + url.getHost() + ", format=" + format + ", events=" + events + "]";
    }
}
