package org.courtyard.kiosk.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grammar Vosk gets: every command phrase split into the model's words (a small words.txt in
 * the layout of vosk-model-small-cn's graph/words.txt is the fixture), plus [unk]; phrases with
 * characters the model does not know are reported, not dropped silently.
 */
class GrammarTest {

    @TempDir
    Path dir;

    static Vocabulary fixture() throws IOException {
        try {
            return Vocabulary.read(Path.of(GrammarTest.class.getResource("words.txt").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_symbol_table_is_read_without_kaldis_own_symbols() throws IOException {
        Vocabulary words = fixture();

        assertThat(words.contains("救命")).isTrue();
        assertThat(words.contains("<eps>")).isFalse();
        assertThat(words.contains("[unk]")).isFalse();
        assertThat(words.contains("#0")).isFalse();
        assertThat(words.contains("!SIL")).isFalse();
    }

    @Test
    void a_phrase_is_split_greedily_into_the_longest_known_words() throws IOException {
        Vocabulary words = fixture();

        assertThat(words.segment("我不舒服").words()).containsExactly("我", "不舒服");
        assertThat(words.segment("再说一遍").grammarPhrase()).isEqualTo("再 说 一遍");
        assertThat(words.segment("来人啊").grammarPhrase()).isEqualTo("来人 啊");
        assertThat(words.segment("救命").grammarPhrase()).isEqualTo("救命");
    }

    @Test
    void characters_that_start_no_word_are_all_named() throws IOException {
        Vocabulary.Segmentation segmentation = fixture().segment("救救我嘛呀");

        assertThat(segmentation.complete()).isFalse();
        assertThat(segmentation.words()).containsExactly("救", "救", "我");
        assertThat(segmentation.unknown()).containsExactly("嘛", "呀");
    }

    @Test
    void every_built_in_phrase_goes_into_the_grammar_with_unk_last() throws IOException {
        Grammar grammar = Grammar.build(PhraseBook.builtIn(), EnumSet.allOf(Intent.class), fixture());

        assertThat(grammar.checked()).isTrue();
        assertThat(grammar.outOfVocabulary()).isEmpty();
        assertThat(grammar.problems()).isEmpty();
        assertThat(grammar.phrases()).contains("救命", "我 不舒服", "报平安", "按错 了");
        assertThat(grammar.json()).startsWith("[\"救命\", ").endsWith(", \"[unk]\"]");
    }

    @Test
    void a_dialect_phrase_outside_the_vocabulary_is_reported_and_kept_out_of_the_grammar() throws IOException {
        Path extra = dir.resolve("dialect.properties");
        Files.writeString(extra, "HELP=救救我嘛\nCHECK_IN=我好得很\n", StandardCharsets.UTF_8);

        Grammar grammar = Grammar.build(PhraseBook.load(extra), EnumSet.allOf(Intent.class), fixture());

        assertThat(grammar.outOfVocabulary()).extracting(Grammar.OutOfVocabulary::toString)
                .containsExactly("HELP 救救我嘛 (嘛)", "CHECK_IN 我好得很 (得)");
        assertThat(grammar.phrases()).doesNotContain("救 救 我").contains("救命");
        assertThat(grammar.problems()).isEqualTo("2 phrases not in the model's vocabulary, not recognised: "
                + "HELP 救救我嘛 (嘛), CHECK_IN 我好得很 (得)");
    }

    @Test
    void without_a_word_list_phrases_go_in_unchecked() {
        Grammar grammar = Grammar.build(PhraseBook.builtIn(), EnumSet.of(Intent.HELP), null);

        assertThat(grammar.checked()).isFalse();
        assertThat(grammar.phrases()).containsExactly("救命", "求助", "帮帮我", "来人啊", "来人");
    }

    @Test
    void the_always_on_grammar_holds_only_the_distress_phrases() throws IOException {
        Grammar grammar = Grammar.build(PhraseBook.builtIn(), EnumSet.allOf(Intent.class), fixture())
                .restrictedTo(List.of("救命", "来人啊"));

        assertThat(grammar.phrases()).containsExactly("救命", "来人 啊");
        assertThat(grammar.json()).isEqualTo("[\"救命\", \"来人 啊\", \"[unk]\"]");
    }

    @Test
    void a_word_list_that_is_not_a_symbol_table_is_refused_naming_file_and_line() throws IOException {
        Path words = dir.resolve("words.txt");
        Files.writeString(words, "<eps> 0\n救命\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Vocabulary.read(words)).isInstanceOf(IOException.class)
                .hasMessageContaining(words.toString()).hasMessageContaining("line 2");
    }

    @Test
    void the_word_list_is_found_in_either_model_layout() throws IOException {
        Files.createDirectories(dir.resolve("v2/graph"));
        Files.writeString(dir.resolve("v2/graph/words.txt"), "救命 1\n");
        Files.createDirectories(dir.resolve("v1"));
        Files.writeString(dir.resolve("v1/words.txt"), "救命 1\n");

        assertThat(Vocabulary.wordsFile(dir.resolve("v2"))).contains(dir.resolve("v2/graph/words.txt"));
        assertThat(Vocabulary.wordsFile(dir.resolve("v1"))).contains(dir.resolve("v1/words.txt"));
        assertThat(Vocabulary.wordsFile(dir)).isEmpty();
    }
}
