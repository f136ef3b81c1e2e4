package org.backpackbatch.api.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.backpackbatch.api.xml.XmlBodies.answer;
import static org.backpackbatch.api.xml.XmlBodies.body;
import static org.backpackbatch.api.xml.XmlBodies.writtenBytes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies a broken proxy or a hostile server could send: each must end in MalformedXmlException,
 * quickly, without touching the network or the disk, and without exhausting memory.
 */
class BackpackXmlReaderHostileTest {

    /** Against hangs, generous: the size cases parse 64 MiB, on a machine that may be busy. */
    private static final Duration QUICKLY = Duration.ofSeconds(30);
    /** A body this much past the bound must be given up on within this much of it. */
    private static final long PAST_THE_BOUND = 8L * 1024 * 1024;
    private static final long GIVE_UP_WITHIN = 1024 * 1024;

    /** Runs {@code read} under a deadline and returns the MalformedXmlException it must throw. */
    private static MalformedXmlException refused(Runnable read) {
        return assertTimeoutPreemptively(QUICKLY, () -> {
            try {
                read.run();
            } catch (MalformedXmlException e) {
                assertThat(e.getMessage()).hasSizeLessThan(1000);
                return e;
            }
            throw new AssertionError("expected MalformedXmlException");
        });
    }

    // ---- DTDs and entities ----------------------------------------------------------------

    @Test
    void refusesTheEtcPasswdEntity() {
        String body = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<response success='true'><pages><page id='1' title='&x;'/></pages></response>";

        assertThat(refused(() -> BackpackXmlReader.readPageSummaries(body(body))))
                .hasMessageContaining("DTD")
                .hasMessageNotContaining("root:");
    }

    @Test
    void neverShowsTheContentOfALocalFile(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "CANARY-SECRET");
        String body = "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<response success='true'><notes><note id='1' title='&x;'>&x;</note></notes></response>";

        assertThat(refused(() -> BackpackXmlReader.readNotes(body(body)))).hasMessageNotContaining("CANARY");
    }

    static Stream<Function<String, String>> networkBaits() {
        return Stream.of(
                url -> "<!DOCTYPE response SYSTEM \"" + url + "external.dtd\"><response success='true'/>",
                url -> "<!DOCTYPE response PUBLIC \"-//X//Y//EN\" \"" + url + "public.dtd\"><response success='true'/>",
                url -> "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + url + "entity\">]>"
                        + "<response success='true'><pages><page id='1' title='&x;'/></pages></response>",
                url -> "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + url + "entity\">]>"
                        + "<response success='true'><notes><note id='1'>&x;</note></notes></response>",
                url -> "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + url + "parameter\"> %p;]><response success='true'/>",
                url -> "<?xml-stylesheet href=\"" + url + "style.xsl\"?><response success='true'>"
                        + "<pages xmlns:xi='http://www.w3.org/2001/XInclude'><xi:include href='" + url + "x'/></pages>"
                        + "<x:y xmlns:x='" + url + "ns'>&x;</x:y></response>");
    }

    @SuppressWarnings("try") // the resource is held for the scope, not used in it
    @ParameterizedTest
    @MethodSource("networkBaits")
    void neverConnectsToAUrlInTheBody(Function<String, String> bait) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/";
            String body = bait.apply(url);

            refused(() -> BackpackXmlReader.readPageSummaries(body(body)));
            refused(() -> BackpackXmlReader.readRequest(body(body)));

            listener.setSoTimeout(300);
            assertThatThrownBy(() -> {
                try (Socket connection = listener.accept()) {
                    throw new AssertionError("the reader connected to " + url);
                }
            }).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void refusesTheBillionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String inText = dtd + "<response success='true'><notes><note id='1' title='t'>&lol9;</note></notes></response>";
        String inAttribute = dtd + "<response success='true'><notes><note id='1' title='&lol9;'>b</note></notes></response>";

        refused(() -> BackpackXmlReader.readNotes(body(inText)));
        refused(() -> BackpackXmlReader.readNotes(body(inAttribute)));
        refused(() -> BackpackXmlReader.readRequest(body(inText)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<response success='true'><notes><note id='1' title='t'>a &x; b</note></notes></response>",
            "<response success='true'><notes><note id='1' title='a &x; b'>t</note></notes></response>",
            "<response success='true'><notes><note id='1' title='t'>&lol9;&lol9;</note></notes></response>",
            "<response success='true'><notes><note id='1' title='t'>&nbsp;</note></notes></response>",
            "<response success='true'><notes><note id='1' title='t'>&#0;</note></notes></response>"})
    void refusesUndeclaredEntitiesAndIllegalCharacters(String answer) {
        assertThat(refused(() -> BackpackXmlReader.readNotes(body(answer))).getMessage())
                .containsAnyOf("Undeclared general entity", "Invalid character", "Illegal character");
    }

    @Test
    void aDtdOnTheStreamIsRefusedToo() {
        assertThatThrownBy(() -> {
            var xml = BackpackXmlReader.openStream(body("<!DOCTYPE archive><archive/>"));
            xml.next();
        }).isInstanceOf(MalformedXmlException.class).hasMessageContaining("DTD");
    }

    // ---- sizes ----------------------------------------------------------------------------

    /** {@code count} bytes repeating {@code unit}, made as they are read: the body is never held in memory. */
    private static final class Repeated extends InputStream {
        private final byte[] unit;
        private long left;
        private long delivered;

        Repeated(String unit, long count) {
            this.unit = unit.getBytes(StandardCharsets.UTF_8);
            this.left = count;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int count = (int) Math.min(length, left);
            for (int i = 0; i < count; i++) {
                target[offset + i] = unit[(int) ((delivered + i) % unit.length)];
            }
            left -= count;
            delivered += count;
            return count;
        }
    }

    private static InputStream around(String prefix, InputStream middle, String suffix) {
        return new SequenceInputStream(new SequenceInputStream(body(prefix), middle), body(suffix));
    }

    static Stream<Arguments> bodiesPastTheTextBound() {
        return Stream.of(
                Arguments.of("text node", "<response success='true'><notes><note id='1' title='t' created_at='x'>", "a",
                        "</note></notes></response>", "Text size limit"),
                Arguments.of("text node split by comments", "<response success='true'><notes><note id='1' title='t'>",
                        "a".repeat(1000) + "<!---->", "</note></notes></response>", "limit"),
                Arguments.of("text node split by elements", "<response success='true'><notes><note id='1' title='t'>",
                        "a".repeat(1000) + "<b/>", "</note></notes></response>", "element text over the limit"),
                Arguments.of("attribute", "<response success='true'><notes><note id='1' created_at='x' title='", "a",
                        "'>b</note></notes></response>", "attribute size limit"),
                Arguments.of("whitespace", "<response success='true'><notes>", " ",
                        "</notes></response>", "Text size limit"),
                Arguments.of("comment", "<response success='true'><notes><!--", "a",
                        "--></notes></response>", "limit"));
    }

    /** The texts a real account may hold, however long: a note body and a title as long as a whole answer. */
    @Test
    void acceptsANoteBodyAndATitleUpToTheBound() {
        int bound = XmlFactories.MAX_TEXT_LENGTH;

        List<Note> notes = BackpackXmlReader.readNotes(
                around("<response success='true'><notes><note id='1' title='t'>", new Repeated("a", bound), "</note></notes></response>"));
        assertThat(notes).singleElement().satisfies(note -> assertThat(note.body()).hasSize(bound));

        notes = BackpackXmlReader.readNotes(
                around("<response success='true'><notes><note id='1' title='", new Repeated("a", bound), "'>b</note></notes></response>"));
        assertThat(notes).singleElement().satisfies(note -> assertThat(note.title()).hasSize(bound));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesPastTheTextBound")
    void refusesATextPastTheBoundOnceItIsReached(String where, String prefix, String filler, String suffix, String problem) {
        Repeated past = new Repeated(filler, XmlFactories.MAX_TEXT_LENGTH + PAST_THE_BOUND);

        assertThat(refused(() -> BackpackXmlReader.readNotes(around(prefix, past, suffix)))).hasMessageContaining(problem);
        assertThat(past.delivered).as("bytes read before giving up").isLessThan(XmlFactories.MAX_TEXT_LENGTH + GIVE_UP_WITHIN);
    }

    @Test
    void refusesARequestPastItsBoundOnceItIsReached() {
        Repeated past = new Repeated("a", BackpackXmlReader.MAX_REQUEST_BYTES + PAST_THE_BOUND);

        assertThat(refused(() -> BackpackXmlReader.readRequest(around("<request><token>", past, "</token></request>"))))
                .hasMessageContaining("request body larger than " + BackpackXmlReader.MAX_REQUEST_BYTES + " bytes");
        assertThat(past.delivered).isLessThanOrEqualTo(BackpackXmlReader.MAX_REQUEST_BYTES);
    }

    @Test
    void refusesTenThousandLevelsOfNesting() {
        String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);

        assertThat(refused(() -> BackpackXmlReader.readPage(body("<response success='true'><page id='1' title='t'>"
                + deep + "</page></response>")))).hasMessageContaining("Depth");
        assertThat(refused(() -> BackpackXmlReader.readRequest(body("<request>" + deep + "</request>"))))
                .hasMessageContaining("Depth");
        assertThat(refused(() -> BackpackXmlReader.readPageSummaries(body("<response success='true'>" + "<a>".repeat(10_000)))))
                .hasMessageContaining("Depth");
    }

    @Test
    void aValueInTheMessageIsCutShort() {
        String hugeId = "9".repeat(50_000) + "x";

        assertThat(refused(() -> BackpackXmlReader.readPageSummary(body(
                "<response success='true'><page id='" + hugeId + "' title='t'/></response>"))))
                .hasMessageContaining("attribute 'id' of <page> is not a number: '9999");
    }

    // ---- truncation -----------------------------------------------------------------------

    @Test
    void refusesAFullPageCutAtAnyByte() {
        Page page = BackpackXmlReaderRoundTripTest.fullPage("日本語 😀 & <x> 'q' \"qq\"\nsecond line");
        byte[] complete = writtenBytes(writer -> writer.declaration().beginResponse().page(page).endResponse());
        assertThat(BackpackXmlReader.readPage(new ByteArrayInputStream(complete))).isEqualTo(page);

        assertTimeoutPreemptively(QUICKLY, () -> {
            for (int cut = 0; cut < complete.length; cut++) {
                InputStream truncated = new ByteArrayInputStream(complete, 0, cut);
                int at = cut;
                assertThatThrownBy(() -> BackpackXmlReader.readPage(truncated))
                        .as("body cut after %d of %d bytes", at, complete.length)
                        .isInstanceOf(MalformedXmlException.class);
            }
        });
    }

    /**
     * A client retries a cut answer and reports a cut create as uncertain, so every cut must say
     * so: inside the root's start tag, inside an entity reference, in the middle of a UTF-8 character.
     */
    @Test
    void reportsAnAnswerCutAtAnyByteAsTruncated() {
        Page page = BackpackXmlReaderRoundTripTest.fullPage("日本語 😀 & <x> 'q' \"qq\"\nsecond line");
        byte[] complete = writtenBytes(writer -> writer.beginResponse().page(page).endResponse());

        assertTimeoutPreemptively(QUICKLY, () -> {
            for (int cut = 1; cut < complete.length; cut++) {
                InputStream truncated = new ByteArrayInputStream(complete, 0, cut);
                int at = cut;
                assertThatThrownBy(() -> BackpackXmlReader.readPage(truncated))
                        .as("body cut after %d of %d bytes", at, complete.length)
                        .isInstanceOfSatisfying(MalformedXmlException.class, e -> assertThat(e.truncated())
                                .as("truncated() of: %s (cut after %d bytes)", e.getMessage(), at).isTrue());
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "<response success='true'><pages></page></response>",
            "<response success='true'/>junk", "<html><body>cut</body></html>"})
    void aBodyWrongBeforeItsEndIsNotTruncated(String wrong) {
        assertThat(refused(() -> BackpackXmlReader.readSuccess(body(wrong))).truncated()).isFalse();
    }

    @Test
    void refusesListsCutAtSeveralPoints() {
        String complete = "<response success='true'><pages><page id='1' title='a'/><page id='2' title='b'/></pages></response>";
        for (String cut : List.of("<response success='true'><pages><page id='1' title='a'/>",
                "<response success='true'><pages><page id='1' title='a'/><page id='2' title='b'/></pages>",
                "<response success='true'><pages><page id='1' ti",
                "<response success='true'><pages><page id='1' title='a'/><page id='2' title='b'/></pages></respo",
                "<response success='tr",
                "<")) {
            assertThat(complete).startsWith(cut);
            refused(() -> BackpackXmlReader.readPageSummaries(body(cut)));
        }
    }

    // ---- not XML at all -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "<html><body>502 Bad Gateway</body></html>",
            "<!DOCTYPE html><html><head><title>502</title></head><body>Bad Gateway</body></html>",
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\"><HTML></HTML>",
            "<HTML><BODY>Service Unavailable</BODY></HTML>",
            "<html><head><meta charset=utf-8><title>Bad Gateway</title></head><body><p>nginx<br></body></html>"})
    void recognisesAnHtmlErrorPage(String html) {
        assertThat(refused(() -> BackpackXmlReader.readPage(body(html)))).hasMessageContaining("HTML");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\r\n\t  ", "<?xml version='1.0'?>", "<?xml version='1.0'?>\n<!-- nothing -->\n"})
    void refusesAnEmptyOrBlankBody(String blank) {
        assertThat(refused(() -> BackpackXmlReader.readSuccess(body(blank)))).hasMessageContaining("empty or blank");
        assertThat(refused(() -> BackpackXmlReader.readRequest(body(blank)))).hasMessageContaining("empty or blank");
    }

    static Stream<byte[]> garbage() {
        Random random = new Random(20240601);
        Stream<byte[]> fixed = Stream.of(
                new byte[] {0, 0, 0, 0},
                new byte[] {(byte) 0xC3, 0x28, '<', 'r', '/', '>'},
                new byte[] {'<', 'r', '>', (byte) 0xFF, (byte) 0xFE, '<', '/', 'r', '>'},
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13},
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                new byte[] {(byte) 0xFE, (byte) 0xFF, 0x12, 0x34, 0x56},
                "{\"error\": \"Record not found\"}".getBytes(StandardCharsets.UTF_8),
                "502 Bad Gateway".getBytes(StandardCharsets.UTF_8),
                "<?xml version='1.0' encoding='X-UNKNOWN'?><response success='true'/>".getBytes(StandardCharsets.UTF_8),
                "<response success='true'><pages></page></response>".getBytes(StandardCharsets.UTF_8),
                "<response success='true' success='true'/>".getBytes(StandardCharsets.UTF_8),
                "<response success=true/>".getBytes(StandardCharsets.UTF_8));
        Stream<byte[]> randomBytes = Stream.generate(() -> {
            byte[] bytes = new byte[1 + random.nextInt(2000)];
            random.nextBytes(bytes);
            return bytes;
        }).limit(50);
        Stream<byte[]> randomAfterStart = Stream.generate(() -> {
            byte[] bytes = new byte[1 + random.nextInt(2000)];
            random.nextBytes(bytes);
            byte[] start = "<response success='true'><pages>".getBytes(StandardCharsets.UTF_8);
            byte[] both = Arrays.copyOf(start, start.length + bytes.length);
            System.arraycopy(bytes, 0, both, start.length, bytes.length);
            return both;
        }).limit(50);
        return Stream.of(fixed, randomBytes, randomAfterStart).flatMap(s -> s);
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void refusesGarbage(byte[] garbage) {
        refused(() -> BackpackXmlReader.readPageSummaries(new ByteArrayInputStream(garbage)));
        refused(() -> BackpackXmlReader.readRequest(new ByteArrayInputStream(garbage)));
    }

    @Test
    void aRefusalSaysWhereWhenItKnows() {
        MalformedXmlException e = refused(() -> BackpackXmlReader.readPage(answer(writer -> writer.raw("<page id='1'>\n<notes>\n</page>"))));

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("line 4").contains("</page>");
    }
}
