package org.courtyard.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.courtyard.protocol.ProtocolJson;

/**
 * A local group robot on port 0 that behaves like WeCom's or DingTalk's (docs/api.md, "Webhooks",
 * cites their documentation): HTTP 200 with {@code errcode} in the body; at most 20 messages in any
 * minute, the 21st refused with WeCom's 45009 or DingTalk's 130101 (and DingTalk then refuses
 * everything for 10 minutes, with an HTTP 302); a wrong key 93000 (WeCom) or 300001 (DingTalk);
 * WeCom refuses text over 2,048 bytes (40058), DingTalk a body over 20,000 bytes (460101); DingTalk
 * checks {@code timestamp} and {@code sign} against its secret and refuses a wrong one (310000).
 * Times are read from the test's clock when a request arrives.
 */
final class FakeRobot implements AutoCloseable {

    enum Kind { WECOM, DINGTALK }

    /** A message the robot put into its group. */
    record Message(Instant at, String content, List<String> mentions) {
    }

    /** Every request that reached the robot, and the errcode it answered (-302 for DingTalk's redirect). */
    record Request(Instant at, int errcode) {
    }

    private static final int PER_MINUTE = 20;

    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Kind kind;
    private final Clock clock;
    private final String key;
    private volatile String secret;
    private final HttpServer server;
    /** When messages were accepted, also those that another system sent through the same robot. */
    private final List<Instant> accepted = new ArrayList<>();
    private Instant blockedUntil = Instant.MIN;

    private FakeRobot(Kind kind, Clock clock, String key, String secret) throws IOException {
        this.kind = kind;
        this.clock = clock;
        this.key = key;
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(kind == Kind.WECOM ? "/cgi-bin/webhook/send" : "/robot/send", this::handle);
        server.start();
    }

    /** A WeCom group robot whose key is {@code key}. */
    static FakeRobot wecom(Clock clock, String key) throws IOException {
        return new FakeRobot(Kind.WECOM, clock, key, null);
    }

    /** A DingTalk custom robot with access token {@code token}, secured with 加签 by {@code secret}. */
    static FakeRobot dingtalk(Clock clock, String token, String secret) throws IOException {
        return new FakeRobot(Kind.DINGTALK, clock, token, secret);
    }

    /** The robot's webhook address with its key (or access token). */
    URI url() {
        return url(key);
    }

    /** The address with another key, as a mistyped configuration would have it. */
    URI url(String otherKey) {
        int port = server.getAddress().getPort();
        return URI.create(kind == Kind.WECOM
                ? "http://127.0.0.1:" + port + "/cgi-bin/webhook/send?key=" + otherKey
                : "http://127.0.0.1:" + port + "/robot/send?access_token=" + otherKey);
    }

    /** Someone changed the robot's 加签 secret on DingTalk's side. */
    void secret(String newSecret) {
        this.secret = newSecret;
    }

    /** Another system sent {@code n} messages through this robot just now. */
    synchronized void sentBySomeoneElse(int n) {
        for (int i = 0; i < n; i++) {
            accepted.add(clock.instant());
        }
    }

    /** The most requests that arrived within any 60 seconds. */
    int mostRequestsInAnyMinute() {
        List<Instant> times = requests.stream().map(Request::at).sorted().toList();
        int most = 0;
        for (int i = 0, j = 0; j < times.size(); j++) {
            while (!times.get(i).isAfter(times.get(j).minusSeconds(60))) {
                i++;
            }
            most = Math.max(most, j - i + 1);
        }
        return most;
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant now = clock.instant();
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (kind == Kind.DINGTALK && now.isBefore(blockedUntil)) {
                requests.add(new Request(now, -302));
                exchange.getResponseHeaders().set("Location", "https://www.dingtalk.com/");
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            int errcode;
            String errmsg;
            JsonNode body = parse(raw);
            if (kind == Kind.WECOM) {
                String content = body == null ? null : body.at("/text/content").asText(null);
                if (!key.equals(query.get("key"))) {
                    errcode = 93000;
                    errmsg = "invalid webhook url, hint: [1755605200056773468916791], from ip: 127.0.0.1, more info at"
                            + " https://open.work.weixin.qq.com/devtool/query?e=93000";
                } else if (body == null || !"text".equals(body.path("msgtype").asText())) {
                    errcode = 40008;
                    errmsg = "invalid message type";
                } else if (content == null || content.isEmpty()) {
                    errcode = 44004;
                    errmsg = "text content empty";
                } else if (content.getBytes(StandardCharsets.UTF_8).length > 2048) {
                    errcode = 40058;
                    errmsg = "text.content exceed max length 2048. invalid Request Parameter";
                } else if (acceptedInLastMinute(now) >= PER_MINUTE) {
                    errcode = 45009;
                    errmsg = "api freq out of limit";
                } else {
                    errcode = 0;
                    errmsg = "ok";
                    messages.add(new Message(now, content, strings(body.at("/text/mentioned_mobile_list"))));
                }
            } else {
                String signError = secret == null ? null : signError(query, now);
                if (!key.equals(query.get("access_token"))) {
                    errcode = 300001;
                    errmsg = "token is not exist";
                } else if (signError != null) {
                    errcode = 310000;
                    errmsg = signError + ", more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]";
                } else if (raw.length > 20_000) {
                    errcode = 460101;
                    errmsg = "message too long, exceed 20000 bytes";
                } else if (body == null || !"text".equals(body.path("msgtype").asText())) {
                    errcode = 400105;
                    errmsg = "不支持的消息类型";
                } else if (acceptedInLastMinute(now) >= PER_MINUTE) {
                    errcode = 130101;
                    errmsg = "send too fast, exceed 20 times per minute";
                    blockedUntil = now.plus(Duration.ofMinutes(10));
                } else {
                    errcode = 0;
                    errmsg = "ok";
                    messages.add(new Message(now, body.at("/text/content").asText(), strings(body.at("/at/atMobiles"))));
                }
            }
            if (errcode == 0) {
                accepted.add(now);
            }
            requests.add(new Request(now, errcode));
            byte[] answer = ProtocolJson.write(Map.of("errcode", errcode, "errmsg", errmsg))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /** What DingTalk says of the URL's {@code timestamp} and {@code sign}; null when they are right. */
    private String signError(Map<String, String> query, Instant now) {
        String timestamp = query.get("timestamp");
        String sign = query.get("sign");
        if (timestamp == null || sign == null) {
            return "sign not match";
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "invalid timestamp";
        }
        if (Math.abs(millis - now.toEpochMilli()) > Duration.ofHours(1).toMillis()) {
            return "invalid timestamp";
        }
        try {
            // As DingTalk documents it: HMAC-SHA256 of "timestamp\nsecret" keyed with the secret, Base64.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
            return expected.equals(sign) ? null : "sign not match";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private int acceptedInLastMinute(Instant now) {
        Instant start = now.minusSeconds(60);
        return (int) accepted.stream().filter(at -> at.isAfter(start)).count();
    }

    private static JsonNode parse(byte[] raw) {
        try {
            JsonNode node = ProtocolJson.mapper().readTree(raw);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                out.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
