package org.backpackbatch.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    @Test
    void aLineHoldsAnyTextOfAnAccountAndStaysOneLine() throws Exception {
        String hostile = "quote \" backslash \\ slash / newline \n return \r tab \t nul \u0000 bell \u0007 del \u007f"
                + " separators \u2028\u2029 emoji 🎒 日本語";
        ObjectNode object = JsonLines.object();
        object.put("title", hostile);
        object.put("id", 7L);
        object.put("parent", (Long) null);
        object.putObject("counts").put("pages", 3);
        StringWriter written = new StringWriter();
        new JsonLines(new PrintWriter(written, true)).write(object);

        String line = written.toString().stripTrailing();
        assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0000");
        JsonNode read = new ObjectMapper().readTree(line);
        assertThat(read.get("title").asText()).isEqualTo(hostile);
        assertThat(read.get("id").asLong()).isEqualTo(7);
        assertThat(read.get("parent").isNull()).isTrue();
        assertThat(read.get("counts").get("pages").asLong()).isEqualTo(3);
    }
}
