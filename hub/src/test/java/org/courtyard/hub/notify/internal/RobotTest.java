package org.courtyard.hub.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;

/** The group robots' formats: signing, the byte limits, and what their answers mean. */
class RobotTest {

    private static final String LINK = "https://hub.example.cn/#checkins";

    @Test
    void a_dingtalk_signature_is_the_documented_hmac_of_the_time_and_secret_url_encoded_in_the_query() {
        // Computed with DingTalk's documented Python sample for this timestamp and secret.
        assertThat(Robot.sign(1764410400000L, "SEC0123456789abcdef"))
                .isEqualTo("pvgpx7LWYIECiOMcm25MmIGrJsYsn+5UNmWuDT3yHok=");

        URI signed = Robot.DINGTALK.address(URI.create("https://oapi.dingtalk.com/robot/send?access_token=abc"),
                Optional.of("SEC0123456789abcdef"), Instant.ofEpochMilli(1764410400000L));

        assertThat(signed.toString()).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc"
                + "&timestamp=1764410400000&sign=pvgpx7LWYIECiOMcm25MmIGrJsYsn%2B5UNmWuDT3yHok%3D");
        assertThat(Robot.DINGTALK.address(URI.create("https://oapi.dingtalk.com/robot/send?access_token=abc"),
                Optional.empty(), Instant.EPOCH).toString()).as("a robot secured otherwise is not signed")
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc");
    }

    @Test
    void a_wecom_text_over_2048_bytes_is_cut_at_a_character_boundary_keeping_the_link_and_mentions() throws IOException {
        String text = "【未报平安】" + "王德福（和平村）、".repeat(200);

        JsonNode body = ProtocolJson.mapper().readTree(Robot.WECOM.compose(text, List.of("13900001111"), LINK));

        String content = body.at("/text/content").asText();
        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048).isGreaterThan(2000);
        assertThat(content).startsWith("【未报平安】王德福").endsWith("…\n查看详情：" + LINK);
        assertThat(text).startsWith(content.substring(0, content.indexOf('…')));
        assertThat(body.at("/text/mentioned_mobile_list/0").asText()).isEqualTo("13900001111");
    }

    @Test
    void a_cut_never_splits_a_character_of_four_bytes() throws IOException {
        String text = "𠀋".repeat(1000);

        String content = ProtocolJson.mapper().readTree(Robot.WECOM.compose(text, List.of(), null))
                .at("/text/content").asText();

        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
        assertThat(content.codePoints().filter(codePoint -> codePoint >= 0xD800 && codePoint <= 0xDFFF).count())
                .as("no lone half of a character").isZero();
        assertThat(content).endsWith("𠀋…");
    }

    @Test
    void a_short_text_is_sent_whole_with_its_link_on_a_line_of_its_own() throws IOException {
        JsonNode body = ProtocolJson.mapper().readTree(Robot.WECOM.compose("【求助】大村 新求助", List.of(), LINK));

        assertThat(body.get("msgtype").asText()).isEqualTo("text");
        assertThat(body.at("/text/content").asText()).isEqualTo("【求助】大村 新求助\n查看详情：" + LINK);
        assertThat(body.at("/text").has("mentioned_mobile_list")).isFalse();
    }

    @Test
    void dingtalk_writes_the_mentions_into_the_text_and_keeps_the_whole_body_under_20000_bytes() throws IOException {
        String text = "张".repeat(10_000);

        String composed = Robot.DINGTALK.compose(text, List.of("13900001111", "0871-6512345"), LINK);

        assertThat(composed.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(20_000).isGreaterThan(19_000);
        JsonNode body = ProtocolJson.mapper().readTree(composed);
        assertThat(body.at("/text/content").asText()).endsWith("张… @13900001111 @0871-6512345\n查看详情：" + LINK);
        assertThat(body.at("/at/atMobiles")).extracting(JsonNode::asText).containsExactly("13900001111", "0871-6512345");
        assertThat(body.at("/at/isAtAll").asBoolean()).isFalse();
    }

    @Test
    void only_errcode_0_is_delivery_and_each_robots_codes_mean_what_they_document() {
        assertThat(Robot.WECOM.read(200, "{\"errcode\":0,\"errmsg\":\"ok\"}").kind()).isEqualTo(Outcome.Kind.DELIVERED);
        assertThat(Robot.WECOM.read(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}").kind())
                .isEqualTo(Outcome.Kind.THROTTLED);
        Outcome invalid = Robot.WECOM.read(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
        assertThat(invalid.kind()).isEqualTo(Outcome.Kind.BROKEN);
        assertThat(invalid.problem()).isEqualTo(Problem.INVALID_KEY);
        assertThat(invalid.detail()).isEqualTo("errcode 93000: invalid webhook url");
        assertThat(Robot.WECOM.read(200, "{\"errcode\":40058,\"errmsg\":\"too long\"}").kind())
                .isEqualTo(Outcome.Kind.REJECTED);
        assertThat(Robot.WECOM.read(200, "{\"errcode\":-1,\"errmsg\":\"system busy\"}").kind())
                .isEqualTo(Outcome.Kind.DOWN);
        assertThat(Robot.WECOM.read(200, "<html>captive portal</html>").kind()).as("a 200 that is not the robot")
                .isEqualTo(Outcome.Kind.DOWN);
        assertThat(Robot.WECOM.read(502, "").kind()).isEqualTo(Outcome.Kind.DOWN);

        assertThat(Robot.DINGTALK.read(200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}").kind())
                .isEqualTo(Outcome.Kind.THROTTLED);
        assertThat(Robot.DINGTALK.read(200, "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}").problem())
                .isEqualTo(Problem.INVALID_KEY);
        assertThat(Robot.DINGTALK.read(200, "{\"errcode\":310000,\"errmsg\":\"sign not match, more: [...]\"}").problem())
                .isEqualTo(Problem.BAD_SIGNATURE);
        assertThat(Robot.DINGTALK.read(200, "{\"errcode\":310000,\"errmsg\":\"invalid timestamp\"}").problem())
                .isEqualTo(Problem.BAD_TIMESTAMP);
        assertThat(Robot.DINGTALK.read(200, "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}").problem())
                .isEqualTo(Problem.KEYWORD);
        assertThat(Robot.DINGTALK.read(200,
                "{\"errcode\":310000,\"errmsg\":\"ip 1.2.3.4 not in whitelist\"}").problem())
                .isEqualTo(Problem.IP_NOT_ALLOWED);
    }
}
