package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The content hash is stored with every version and checked by {@code verify} and every backup:
 * it must stay the same function of the content, whatever the text holds and however long it is.
 */
class RecordVersionTest {

    @Test
    void aNoteHashesAsStoresWrittenBeforeHashedIt() {
        RecordVersion note = note("Hotel \u00e9 \u65e5\u672c \ud83d\ude00", "Two nights,\nlate check-in & <more>");

        assertThat(HexFormat.of().formatHex(note.hash())).isEqualTo("3977d02679adbc33352892994deed29c9ab3d6eac8530cec4741d1e5cbf2ab3f");
    }

    @Test
    void everyKindOfTextHashesByItsUtf8Bytes() {
        List<String> texts = new ArrayList<>(List.of("", "a", "\u00e9", "\u0800", "\uffff", "\ud83d\ude00",
                "\ud83d", "\ude00", "x\ud83d", "\ude00\ud83d", "\ud83d\ud83d\ude00",
                // multi-byte characters across the hash's encoding buffer of 8192 bytes
                "a".repeat(8190) + "\ud83d\ude00" + "b", "a".repeat(8189) + "\u65e5\u65e5", "\u65e5".repeat(10_000),
                "\ud83d\ude00".repeat(5000) + "\ud83d"));
        Random random = new Random(20261128);
        for (int i = 0; i < 200; i++) {
            char[] chars = new char[random.nextInt(20_000)];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = switch (random.nextInt(4)) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) (0x80 + random.nextInt(0x780));
                    case 2 -> (char) (0xD800 + random.nextInt(0x800));
                    default -> (char) random.nextInt(0x10000);
                };
            }
            texts.add(new String(chars));
        }
        for (String text : texts) {
            RecordVersion note = note(text, text);
            assertThat(note.hash()).as("hash of a text of %d chars", text.length()).isEqualTo(definition(note));
        }
    }

    @Test
    void everyNumberHashesByItsDecimalDigits() {
        long[] numbers = {0, 7, -1, 9, 10, -10, 99, 100, 4_294_967_296L, -101, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long number : numbers) {
            int small = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number));
            RecordVersion item = new RecordVersion(RecordKind.ITEM, number, -number, number, small, null, "x".repeat(8180), null, null,
                    small);
            assertThat(item.hash()).as("hash of a record numbered %d", number).isEqualTo(definition(item));
        }
    }

    private static RecordVersion note(String title, String body) {
        return new RecordVersion(RecordKind.NOTE, 900, 42, null, 1, null, title, body, "2006-03-01 10:00:00", null);
    }

    /** The hash as the store's schema defines it: SHA-256 over each field's UTF-8 bytes, length-prefixed, null distinct from empty. */
    private static byte[] definition(RecordVersion record) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object field : Arrays.asList(record.kind().storedName(), record.recordId(), record.pageId(), record.parentId(),
                    record.position(), record.type(), record.name(), record.body(), record.createdAt(), record.flag())) {
                if (field == null) {
                    digest.update((byte) 0);
                } else {
                    byte[] bytes = field.toString().getBytes(StandardCharsets.UTF_8);
                    digest.update((byte) 1);
                    digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                        (byte) bytes.length});
                    digest.update(bytes);
                }
            }
            return digest.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
