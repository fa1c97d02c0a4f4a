package org.courtyard.kiosk.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntentMatcherTest {

    private final IntentMatcher matcher = new IntentMatcher(PhraseBook.builtIn());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "救命, HELP", "救 命, HELP", "求助, HELP", "帮帮我, HELP", "来人啊, HELP",
        "我不舒服, HELP_MEDICAL", "叫医生, HELP_MEDICAL",
        "报平安, CHECK_IN", "我很好, CHECK_IN",
        "听通知, PLAY_ANNOUNCEMENTS", "有什么通知, PLAY_ANNOUNCEMENTS",
        "再说一遍, REPEAT", "取消, CANCEL", "按错了, CANCEL",
        "是, YES", "对, YES", "好的, YES", "不是, NO", "不要, NO"
    })
    void built_in_phrases_map_to_their_intent(String text, Intent intent) {
        assertThat(matcher.match(text)).contains(intent);
    }

    @Test
    void the_longest_phrase_wins() {
        assertThat(matcher.match("不舒服")).contains(Intent.HELP_MEDICAL);
        assertThat(matcher.match("我不是")).contains(Intent.NO);
    }

    @Test
    void chatter_and_unknown_words_match_nothing() {
        assertThat(matcher.match("[unk]")).isEmpty();
        assertThat(matcher.match("今天天气怎么样")).isEmpty();
        assertThat(matcher.match("")).isEmpty();
        assertThat(matcher.match(null)).isEmpty();
    }

    @Test
    void a_deployment_file_adds_dialect_phrases_without_losing_the_built_in_ones(@TempDir Path dir) throws Exception {
        Path extra = dir.resolve("phrases.properties");
        Files.writeString(extra, "HELP=救救我嘛,快来人\nCHECK_IN=我好得很\n", StandardCharsets.UTF_8);

        IntentMatcher local = new IntentMatcher(PhraseBook.load(extra));

        assertThat(local.match("快来人")).contains(Intent.HELP);
        assertThat(local.match("我好得很")).contains(Intent.CHECK_IN);
        assertThat(local.match("救命")).contains(Intent.HELP);
    }

    @Test
    void a_deployment_file_with_an_unknown_intent_is_refused_by_name(@TempDir Path dir) throws Exception {
        Path extra = dir.resolve("phrases.properties");
        Files.writeString(extra, "DANCE=跳舞\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PhraseBook.load(extra)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DANCE");
    }
}
