package org.courtyard.hub.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.courtyard.hub.notify.WebhookFormat;
import org.courtyard.protocol.ProtocolJson;

/**
 * The two group robots as they really behave (docs/api.md, "Webhooks", cites the documentation):
 * both answer HTTP 200 with {@code errcode} in the body, 0 only when the message reached the group;
 * both take 20 messages a minute; WeCom cuts text over 2,048 bytes and DingTalk refuses a body over
 * 20,000 bytes; DingTalk checks a signature of the time against the robot's secret.
 */
public enum Robot {

    /**
     * WeCom group robot. {@code text.content} at most 2,048 bytes of UTF-8;
     * {@code text.mentioned_mobile_list} @-mentions group members by mobile number. Errcodes:
     * 45009 rate limit (20 a minute), 93000 invalid webhook URL (the key), -1 system busy.
     */
    WECOM(2048, Duration.ofMinutes(1)) {
        @Override
        public String body(String content, List<String> mentions) {
            Map<String, Object> text = new LinkedHashMap<>();
            text.put("content", content);
            if (!mentions.isEmpty()) {
                text.put("mentioned_mobile_list", mentions);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("msgtype", "text");
            body.put("text", text);
            return ProtocolJson.write(body);
        }

        @Override
        public int size(String content, List<String> mentions) {
            return content.getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public String content(String text, List<String> mentions) {
            return text;
        }

        @Override
        public Outcome errcode(int errcode, String errmsg) {
            return switch (errcode) {
                case 0 -> Outcome.delivered();
                case 45009 -> Outcome.throttled(describe(errcode, errmsg));
                case 93000 -> Outcome.broken(Problem.INVALID_KEY, describe(errcode, errmsg));
                case -1 -> Outcome.down(describe(errcode, errmsg));
                default -> Outcome.rejected(describe(errcode, errmsg));
            };
        }
    },

    /**
     * DingTalk custom robot. {@code msgtype} text; {@code at.atMobiles} @-mentions by mobile number,
     * and the numbers are written into the text as {@code @13900001111} so DingTalk shows them
     * there. With 加签 the URL carries {@code timestamp} (milliseconds, within an hour of DingTalk's
     * clock) and {@code sign}: HMAC-SHA256 of {@code timestamp + "\n" + secret} keyed with the
     * secret, Base64, URL-encoded. Errcodes: 130101 sending too fast (more than 20 a minute, then
     * throttled for 10 minutes), 310000 security check failed (signature, timestamp, keyword, IP),
     * 300001 and 300005 no such token, 460101 body over 20,000 bytes, -1 system busy.
     */
    DINGTALK(20_000, Duration.ofMinutes(10)) {
        @Override
        public String body(String content, List<String> mentions) {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("atMobiles", mentions);
            at.put("isAtAll", false);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("msgtype", "text");
            body.put("text", Map.of("content", content));
            body.put("at", at);
            return ProtocolJson.write(body);
        }

        @Override
        public int size(String content, List<String> mentions) {
            return body(content, mentions).getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public String content(String text, List<String> mentions) {
            if (mentions.isEmpty()) {
                return text;
            }
            StringBuilder out = new StringBuilder(text);
            for (String phone : mentions) {
                out.append(" @").append(phone);
            }
            return out.toString();
        }

        @Override
        public URI address(URI url, Optional<String> secret, Instant now) {
            if (secret.isEmpty()) {
                return url;
            }
            long timestamp = now.toEpochMilli();
            String query = "timestamp=" + timestamp + "&sign=" + URLEncoder.encode(sign(timestamp, secret.get()),
                    StandardCharsets.UTF_8);
            String base = url.toString();
            return URI.create(base + (url.getRawQuery() == null ? "?" : "&") + query);
        }

        @Override
        public Outcome errcode(int errcode, String errmsg) {
            String detail = describe(errcode, errmsg);
            String words = errmsg == null ? "" : errmsg.toLowerCase(Locale.ROOT);
            return switch (errcode) {
                case 0 -> Outcome.delivered();
                case 130101 -> Outcome.throttled(detail);
                case 300001, 300005 -> Outcome.broken(Problem.INVALID_KEY, detail);
                case 310000 -> Outcome.broken(words.contains("timestamp") ? Problem.BAD_TIMESTAMP
                        : words.contains("keyword") ? Problem.KEYWORD
                        : words.contains("ip") && words.contains("whitelist") ? Problem.IP_NOT_ALLOWED
                        : Problem.BAD_SIGNATURE, detail);
                case -1 -> Outcome.down(detail);
                default -> Outcome.rejected(detail);
            };
        }
    };

    private final int maxBytes;
    private final Duration throttlePause;

    Robot(int maxBytes, Duration throttlePause) {
        this.maxBytes = maxBytes;
        this.throttlePause = throttlePause;
    }

    /** The robot for a webhook format; JSON receivers have none. */
    public static Robot of(WebhookFormat format) {
        return switch (format) {
            case WECOM -> WECOM;
            case DINGTALK -> DINGTALK;
            case JSON -> throw new IllegalArgumentException("a json receiver is not a group robot");
        };
    }

    /** The document posted: a text message with {@code content} mentioning {@code mentions}. */
    public abstract String body(String content, List<String> mentions);

    /** What the robot's limit counts: WeCom the content's bytes, DingTalk the whole body's. */
    public abstract int size(String content, List<String> mentions);

    /** The text as the robot shows it with its mentions (DingTalk writes them into the text). */
    public abstract String content(String text, List<String> mentions);

    public abstract Outcome errcode(int errcode, String errmsg);

    /** The limit {@link #size} must stay within. */
    public int maxBytes() {
        return maxBytes;
    }

    /** How long the robot refuses messages after it said they came too fast. */
    public Duration throttlePause() {
        return throttlePause;
    }

    /** Where to post at {@code now}: the configured URL, signed for DingTalk when it has a secret. */
    public URI address(URI url, Optional<String> secret, Instant now) {
        return url;
    }

    /**
     * The document for {@code text}, @-mentioning {@code mentions}, with {@code link} (null for none)
     * on a line of its own, within the robot's limit: a text too long is cut at a character
     * boundary and ends with 「…」, and the mentions and the link stay whole, so whoever reads the
     * cut message can open the rest on the staff page.
     */
    public String compose(String text, List<String> mentions, String link) {
        String tail = link == null ? "" : "\n" + LINK_LABEL + link;
        if (size(content(text, mentions) + tail, mentions) <= maxBytes) {
            return body(content(text, mentions) + tail, mentions);
        }
        int total = text.codePointCount(0, text.length());
        int low = 0;
        int high = total - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (size(content(cut(text, middle), mentions) + tail, mentions) <= maxBytes) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        String content = content(cut(text, low), mentions) + tail;
        if (size(content, mentions) > maxBytes) {
            // Cannot happen with the mentions a notice or a digest carries (a digest keeps at most
            // Digest.MAX_MENTIONS); fail loudly rather than send what the robot would refuse.
            throw new IllegalStateException("the mentions and the link alone exceed the robot's " + maxBytes
                    + " bytes");
        }
        return body(content, mentions);
    }

    /** What precedes the staff page's link in a message. */
    public static final String LINK_LABEL = "查看详情：";

    /** The first {@code codePoints} characters of {@code text} and 「…」. */
    private static String cut(String text, int codePoints) {
        return text.substring(0, text.offsetByCodePoints(0, codePoints)) + "…";
    }

    /** What an answer means: only HTTP 2xx with {@code errcode} 0 is delivery. */
    public Outcome read(int status, String body) {
        if (status == 429) {
            return Outcome.throttled("HTTP 429");
        }
        if (status / 100 != 2) {
            return Outcome.down("HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = ProtocolJson.mapper().readTree(body == null ? "" : body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject() || !answer.path("errcode").isIntegralNumber()) {
            return Outcome.down("HTTP " + status + " without an errcode (not the robot's answer: " + shorten(body) + ")");
        }
        return errcode(answer.get("errcode").asInt(), answer.path("errmsg").asText(null));
    }

    /** {@code Base64(HMAC-SHA256(key: secret, timestamp + "\n" + secret))}, not yet URL-encoded. */
    public static String sign(long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }

    private static String describe(int errcode, String errmsg) {
        return "errcode " + errcode + (errmsg == null || errmsg.isBlank() ? "" : ": " + shorten(errmsg));
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
