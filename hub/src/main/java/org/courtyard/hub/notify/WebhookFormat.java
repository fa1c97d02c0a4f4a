package org.courtyard.hub.notify;

import java.util.Locale;

/** The body a webhook receives. */
public enum WebhookFormat {
    /** {@code {"event":"help.new","request":HELP}}. */
    JSON,
    /** A WeCom (企业微信) group robot text message: {@code {"msgtype":"text","text":{"content":"..."}}}. */
    WECOM;

    public static WebhookFormat fromConfig(String word) {
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown webhook format '" + word + "' (known: json, wecom)", e);
        }
    }
}
