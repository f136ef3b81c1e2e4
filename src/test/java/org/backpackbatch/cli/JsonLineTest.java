package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The JSON of {@code --json}: any text an account holds comes back from a strict parser exactly, on one line. */
class JsonLineTest {

    @Test
    void escapesWhatJsonAndLineBasedReadersCannotTakeLiterally() throws Exception {
        String hostile = "quote \" backslash \\ slash / newline \n return \r tab \t nul \u0000 bell \u0007 del \u007f"
                + " separators \u2028\u2029 emoji 🎒 日本語";
        String line = new JsonLine().add("title", hostile).add("id", 7L).add("parent", (Long) null).add("none", (String) null)
                .add("counts", new JsonLine().add("pages", 3)).toString();

        assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0000");
        JsonNode read = new ObjectMapper().readTree(line);
        assertThat(read.get("title").asText()).isEqualTo(hostile);
        assertThat(read.get("id").asLong()).isEqualTo(7);
        assertThat(read.get("parent").isNull()).isTrue();
        assertThat(read.get("none").isNull()).isTrue();
        assertThat(read.get("counts").get("pages").asLong()).isEqualTo(3);
    }

    @Test
    void writesALoneSurrogateAsAnEscapeInsteadOfBrokenUtf8() {
        assertThat(JsonLine.quoted("a\ud83db")).isEqualTo("\"a\\ud83db\"");
        assertThat(JsonLine.quoted("🎒")).isEqualTo("\"🎒\"");
    }
}
