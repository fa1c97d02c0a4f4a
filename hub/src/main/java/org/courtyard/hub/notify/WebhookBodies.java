package org.courtyard.hub.notify;

import java.util.LinkedHashMap;
import java.util.List;
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
        return wecom(content, List.of());
    }

    /**
     * A WeCom text message that also @-mentions {@code phones} ({@code mentioned_mobile_list}), so
     * the phones of the people it names ring even in a busy group; nulls are left out.
     */
    public static String wecom(String content, List<String> phones) {
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("content", content);
        List<String> mentioned = phones.stream().filter(phone -> phone != null).toList();
        if (!mentioned.isEmpty()) {
            text.put("mentioned_mobile_list", mentioned);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "text");
        body.put("text", text);
        return ProtocolJson.write(body);
    }
}
