package org.courtyard.hub.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import org.courtyard.protocol.ProtocolJson;

/**
 * The two shapes of webhook bodies, for the features that render their notices: the JSON format's
 * {@code {"event":...,KEY:VALUE}} and a WeCom (企业微信) group robot text message.
 */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    /** {@code {"event":EVENT,KEY:VALUE}}, e.g. {@code {"event":"help.new","request":HELP}}. */
    public static String json(WebhookEvent event, String key, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event.wireName());
        body.put(key, value);
        return ProtocolJson.write(body);
    }

    /** {@code {"msgtype":"text","text":{"content":"..."}}} with {@code content}. */
    public static String wecom(String content) {
        return ProtocolJson.write(Map.of("msgtype", "text", "text", Map.of("content", content)));
    }
}
