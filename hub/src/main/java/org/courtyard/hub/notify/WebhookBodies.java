package org.courtyard.hub.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import org.courtyard.protocol.ProtocolJson;

/**
 * The JSON format's body, for the features that make their messages: {@code {"event":...}} and
 * then their fields. (The group robots get a {@link Notice}, put into their format when sent.)
 */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    /** {@code {"event":EVENT,KEY:VALUE}}, e.g. {@code {"event":"help.new","request":HELP}}. */
    public static String json(WebhookEvent event, String key, Object value) {
        return json(event, Map.of(key, value));
    }

    /** {@code {"event":EVENT,...fields}}, the fields in the map's order. */
    public static String json(WebhookEvent event, Map<String, ?> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event.wireName());
        body.putAll(fields);
        return ProtocolJson.write(body);
    }
}
