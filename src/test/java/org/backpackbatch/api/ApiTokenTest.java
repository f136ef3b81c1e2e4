package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token is a password: loaded from a file or the environment, and never shown, not even in an error. */
class ApiTokenTest {

    private static final String ENV = "BACKPACK_TOKEN";
    private static final String TOKEN = "5f1e0c9a7b3d4e2f8a6c0b1d9e7f3a5c2b4d6e8f";

    @TempDir
    Path dir;

    @Test
    void readsTheFirstLineOfTheFileTrimmed() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "  " + TOKEN + " \t\nsecond line\n");

        ApiToken token = ApiToken.load(file, ENV, Map.of(ENV, "ignored-when-a-file-is-given"));

        assertThat(token.reveal()).isEqualTo(TOKEN);
    }

    @Test
    void readsTheVariableWhenNoFileIsGiven() {
        assertThat(ApiToken.load(null, ENV, Map.of(ENV, " " + TOKEN + "\n")).reveal()).isEqualTo(TOKEN);
    }

    @Test
    void aMissingFileIsNamedInTheError() {
        Path missing = dir.resolve("no-such-token");

        assertThatThrownBy(() -> ApiToken.load(missing, ENV, Map.of(ENV, TOKEN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString())
                .message().doesNotContain(TOKEN);
    }

    @Test
    void aFileWhoseFirstLineIsEmptyIsNamedInTheErrorWithoutItsContent() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "\n" + TOKEN + "\n");

        assertThatThrownBy(() -> ApiToken.load(file, ENV, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("empty")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void anEmptyFileIsNamedInTheError() throws IOException {
        Path file = Files.createFile(dir.resolve("empty"));

        assertThatThrownBy(() -> ApiToken.load(file, ENV, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("empty");
    }

    @Test
    void anUnreadableFileIsNamedInTheErrorWithoutItsContent() throws IOException {
        byte[] notUtf8 = (TOKEN + "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("latin1"), notUtf8);

        assertThatThrownBy(() -> ApiToken.load(file, ENV, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .message().doesNotContain(TOKEN);
    }

    @Test
    void aMissingOrBlankVariableIsNamedInTheError() {
        for (Map<String, String> environment : List.of(Map.<String, String>of(), Map.of(ENV, "  \n"), Map.of("OTHER", TOKEN))) {
            assertThatThrownBy(() -> ApiToken.load(null, ENV, environment))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(ENV)
                    .message().doesNotContain(TOKEN);
        }
    }

    @Test
    void toStringMasksTheToken() {
        ApiToken token = ApiToken.of(TOKEN);

        assertThat(token.toString()).isEqualTo("[token]");
        assertThat(String.valueOf(token) + " " + List.of(token)).doesNotContain(TOKEN);
    }

    @Test
    void aLoadedTokenIsScrubbedFromAnyText() throws IOException {
        String token = "0f9e8d7c6b5a49382716a5b4c3d2e1f0a9b8c7d6";
        assertThat(Secrets.scrub("before " + token)).as("unknown until loaded").contains(token);
        ApiToken.load(Files.writeString(dir.resolve("token"), token + "\n"), ENV, Map.of());

        String scrubbed = Secrets.scrub("GET https://acme.backpackit.com/" + token + "/me.xml failed; <token>" + token + "</token>");

        assertThat(scrubbed).doesNotContain(token)
                .isEqualTo("GET https://acme.backpackit.com/[token]/me.xml failed; <token>[token]</token>");
        assertThat(new BackpackException(BackpackException.Kind.UNAVAILABLE, "lost " + token).getMessage()).isEqualTo("lost [token]");
    }
}
