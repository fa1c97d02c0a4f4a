package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void help_prints_usage_and_exits_0() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(text(out)).contains("usage: java -jar courtyard-hub.jar --port PORT --data DIR [--config FILE]")
                .contains("COURTYARD_ADMIN_PASSWORD");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void an_unknown_argument_is_named_with_the_usage_and_exits_2() {
        int code = run("--data", "x", "--colour", "red");

        assertThat(code).isEqualTo(2);
        assertThat(text(err)).contains("unknown argument '--colour'").contains("usage:");
    }

    @Test
    void a_bad_port_is_named_and_exits_2() {
        assertThat(run("--port", "eighty", "--data", "x")).isEqualTo(2);
        assertThat(text(err)).contains("--port");
    }

    @Test
    void a_missing_data_folder_is_named_and_exits_2() {
        assertThat(run("--port", "0")).isEqualTo(2);
        assertThat(text(err)).contains("--data");
    }

    @Test
    void a_config_file_with_an_unknown_key_exits_2_naming_it(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("hub.properties");
        Files.writeString(config, "help.overdue-minutes=5\nhelp.overdue-minuets=7\n");

        assertThat(run("--port", "0", "--data", dir.resolve("data").toString(), "--config", config.toString()))
                .isEqualTo(2);
        assertThat(text(err)).contains("help.overdue-minuets");
    }

    @Test
    void config_keys_set_the_hub(@TempDir Path dir) {
        Properties properties = new Properties();
        properties.putAll(Map.of(
                "help.overdue-minutes", "7",
                "sync.long-poll-seconds", "20",
                "webhook.1.url", "https://example.org/hook",
                "webhook.1.format", "wecom",
                "webhook.1.events", "new, overdue",
                "webhook.2.url", "http://127.0.0.1:9/json"));

        HubConfig config = HubConfig.builder(dir).apply(properties).build();

        assertThat(config.overdueAfter()).isEqualTo(Duration.ofMinutes(7));
        assertThat(config.longPollMax()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.webhooks()).hasSize(2);
        assertThat(config.webhooks().get(0).format()).isEqualTo(WebhookFormat.WECOM);
        assertThat(config.webhooks().get(0).events()).containsExactlyInAnyOrder(WebhookEvent.NEW, WebhookEvent.OVERDUE);
        assertThat(config.webhooks().get(1).format()).isEqualTo(WebhookFormat.JSON);
        assertThat(config.webhooks().get(1).events()).containsExactlyInAnyOrder(WebhookEvent.values());
    }

    @Test
    void robot_keys_set_name_secret_budget_and_the_public_url_and_the_secret_never_shows(@TempDir Path dir) {
        Properties properties = new Properties();
        properties.putAll(Map.of(
                "hub.public-url", "https://hub.example.cn/courtyard/",
                "webhook.7.url", "https://oapi.dingtalk.com/robot/send?access_token=tok123",
                "webhook.7.format", "dingtalk",
                "webhook.7.secret", "SECabcdef0123456789",
                "webhook.7.name", "镇政府钉钉群",
                "webhook.7.per-minute", "12"));

        HubConfig config = HubConfig.builder(dir).apply(properties).build();

        assertThat(config.publicUrl()).contains(java.net.URI.create("https://hub.example.cn/courtyard/"));
        org.courtyard.hub.notify.WebhookTarget target = config.webhooks().get(0);
        assertThat(target.id()).isEqualTo("7");
        assertThat(target.format()).isEqualTo(WebhookFormat.DINGTALK);
        assertThat(target.secret()).contains("SECabcdef0123456789");
        assertThat(target.name()).isEqualTo("镇政府钉钉群");
        assertThat(target.perMinute()).isEqualTo(12);
        assertThat(config.toString()).doesNotContain("SECabcdef").doesNotContain("tok123");
        assertThat(HubConfig.builder(dir).apply(properties).build().webhooks().get(0).redactedUrl())
                .isEqualTo("https://oapi.dingtalk.com/robot/send");
    }

    @Test
    void robot_keys_that_do_not_fit_the_format_or_range_are_refused_naming_the_key(@TempDir Path dir) {
        Map<String, String> wecomWithSecret = Map.of("webhook.2.url", "https://example.org/hook",
                "webhook.2.format", "wecom", "webhook.2.secret", "SECx");
        Map<String, String> jsonWithBudget = Map.of("webhook.2.url", "https://example.org/hook",
                "webhook.2.per-minute", "5");
        Map<String, String> overTheLimit = Map.of("webhook.2.url", "https://example.org/hook",
                "webhook.2.format", "wecom", "webhook.2.per-minute", "21");
        Map<String, String> publicWithQuery = Map.of("hub.public-url", "https://hub.example.cn/?a=1");
        Map<String, String> publicNotHttp = Map.of("hub.public-url", "ftp://hub.example.cn/");

        for (Map<String, String> keys : List.of(wecomWithSecret, jsonWithBudget, overTheLimit)) {
            Properties properties = new Properties();
            properties.putAll(keys);
            assertThatThrownBy(() -> HubConfig.builder(dir).apply(properties)).as(keys.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webhook.2.")
                    .hasMessageNotContaining("SECx");
        }
        for (Map<String, String> keys : List.of(publicWithQuery, publicNotHttp)) {
            Properties properties = new Properties();
            properties.putAll(keys);
            assertThatThrownBy(() -> HubConfig.builder(dir).apply(properties)).as(keys.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hub.public-url");
        }
    }

    @Test
    void a_long_poll_over_25_seconds_is_refused_naming_the_key(@TempDir Path dir) {
        Properties properties = new Properties();
        properties.setProperty("sync.long-poll-seconds", "60");

        assertThatThrownBy(() -> HubConfig.builder(dir).apply(properties))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sync.long-poll-seconds");
    }

    @Test
    void a_webhook_with_a_bad_format_is_refused_naming_the_key(@TempDir Path dir) {
        Properties properties = new Properties();
        properties.setProperty("webhook.3.url", "https://example.org/hook");
        properties.setProperty("webhook.3.format", "xml");

        assertThatThrownBy(() -> HubConfig.builder(dir).apply(properties))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webhook.3.format");
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
