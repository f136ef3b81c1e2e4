package org.backpackbatch.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The content of one record as a snapshot keeps it, in the shared columns of {@code versions}
 * (see {@link RecordKind}). Two versions are the same exactly when their hashes are. The last five
 * fields are those only the account's own resources use (users, reminders, journal, ...).
 */
public record RecordVersion(
        RecordKind kind,
        long recordId,
        long pageId,
        Long parentId,
        Integer position,
        String type,
        String name,
        String body,
        String createdAt,
        Integer flag,
        Long userId,
        String userName,
        String dueAt,
        String updatedAt,
        String remindees) {

    /** Bytes encoded at a time: a note of megabytes is hashed without a copy of its own size. */
    private static final int ENCODING_BUFFER = 8192;
    /** The number of the first field of the account's own resources (userId), counting the fields from 1. */
    private static final int FIRST_ACCOUNT_FIELD = 11;

    /** A record of a page, which uses none of the fields of the account's own resources. */
    public RecordVersion(RecordKind kind, long recordId, long pageId, Long parentId, Integer position, String type, String name,
            String body, String createdAt, Integer flag) {
        this(kind, recordId, pageId, parentId, position, type, name, body, createdAt, flag, null, null, null, null, null);
    }

    /** Whether it leaves every field of the account's own resources empty, as the records of a page do. */
    public boolean onlyPageFields() {
        return userId == null && userName == null && dueAt == null && updatedAt == null && remindees == null;
    }

    /** What identifies a record across snapshots. */
    public record Key(RecordKind kind, long recordId, long pageId) {
    }

    public Key key() {
        return new Key(kind, recordId, pageId);
    }

    /**
     * SHA-256 over every field, each length-prefixed and null distinct from empty. The fields of the
     * account's own resources count only when set, each after its number, so that every record of a
     * page hashes as it did before they existed: stores hold those hashes.
     */
    public byte[] hash() {
        Hasher hasher = HASHER.get();
        hasher.field(kind.storedName());
        hasher.field(recordId);
        hasher.field(pageId);
        hasher.field(parentId);
        hasher.field(position);
        hasher.field(type);
        hasher.field(name);
        hasher.field(body);
        hasher.field(createdAt);
        hasher.field(flag);
        Object[] accountFields = {userId, userName, dueAt, updatedAt, remindees};
        for (int i = 0; i < accountFields.length; i++) {
            if (accountFields[i] != null) {
                hasher.put((byte) (FIRST_ACCOUNT_FIELD + i));
                hasher.field(accountFields[i]);
            }
        }
        return hasher.digest();
    }

    /** A digest and an encoding buffer per thread: hashing every record of a snapshot allocates neither again. */
    private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

    /**
     * Encodes a record's fields into one buffer and feeds the digest a buffer at a time, so that a
     * small record costs one update of the digest, and a note of megabytes no copy of its own size.
     */
    private static final class Hasher {
        private final MessageDigest digest;
        private final byte[] buffer = new byte[ENCODING_BUFFER];
        private int used;

        Hasher() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A field: 0 for null, else 1, the length of its UTF-8 bytes in four bytes, and those bytes (of its decimal digits for a number). */
        void field(Object field) {
            if (field == null) {
                put((byte) 0);
            } else if (field instanceof Long || field instanceof Integer) {
                field(((Number) field).longValue());
            } else {
                field(field.toString());
            }
        }

        /** A number as its decimal digits, as {@code Long.toString} spells them, without making that string. */
        void field(long value) {
            room(5 + 20);
            int length = 1;
            for (long rest = value / 10; rest != 0; rest /= 10) {
                length++;
            }
            if (value < 0) {
                length++;
            }
            header(length);
            int end = used + length;
            long rest = value;
            do {
                buffer[--end] = (byte) ('0' + Math.abs(rest % 10));
                rest /= 10;
            } while (rest != 0);
            if (value < 0) {
                buffer[--end] = '-';
            }
            used += length;
        }

        void field(String text) {
            if (text == null) {
                put((byte) 0);
                return;
            }
            // a text that fits the buffer whatever its characters is encoded in one pass, its length written after
            if (text.length() <= (buffer.length - 9) / 3) {
                // room for the longest encoding and for utf8's own check, which then never feeds the digest mid-way
                room(5 + text.length() * 3 + 4);
                int start = used;
                used += 5;
                utf8(text);
                int length = used - start - 5;
                used = start;
                header(length);
                used += length;
                return;
            }
            int length = utf8Length(text);
            room(5);
            header(length);
            utf8(text);
        }

        private void header(int length) {
            buffer[used++] = 1;
            buffer[used++] = (byte) (length >>> 24);
            buffer[used++] = (byte) (length >>> 16);
            buffer[used++] = (byte) (length >>> 8);
            buffer[used++] = (byte) length;
        }

        void put(byte value) {
            room(1);
            buffer[used++] = value;
        }

        byte[] digest() {
            digest.update(buffer, 0, used);
            used = 0;
            return digest.digest();
        }

        /** Makes room for {@code bytes} more bytes, feeding the digest what the buffer holds when it has not. */
        private void room(int bytes) {
            if (used > buffer.length - bytes) {
                digest.update(buffer, 0, used);
                used = 0;
            }
        }

        /** The bytes of {@code text.getBytes(UTF_8)}. */
        private void utf8(String text) {
            for (int i = 0; i < text.length(); i++) {
                room(4);
                char c = text.charAt(i);
                if (c < 0x80) {
                    buffer[used++] = (byte) c;
                } else if (c < 0x800) {
                    buffer[used++] = (byte) (0xC0 | (c >> 6));
                    buffer[used++] = (byte) (0x80 | (c & 0x3F));
                } else if (isSurrogatePair(text, i)) {
                    int codePoint = Character.toCodePoint(c, text.charAt(++i));
                    buffer[used++] = (byte) (0xF0 | (codePoint >> 18));
                    buffer[used++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                    buffer[used++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                    buffer[used++] = (byte) (0x80 | (codePoint & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    buffer[used++] = (byte) '?';
                } else {
                    buffer[used++] = (byte) (0xE0 | (c >> 12));
                    buffer[used++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buffer[used++] = (byte) (0x80 | (c & 0x3F));
                }
            }
        }
    }

    /** The length of {@code text.getBytes(UTF_8)}, an unpaired surrogate counting as the one byte of its '?'. */
    private static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (isSurrogatePair(text, i)) {
                length += 4;
                i++;
            } else {
                length += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return length;
    }

    private static boolean isSurrogatePair(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
