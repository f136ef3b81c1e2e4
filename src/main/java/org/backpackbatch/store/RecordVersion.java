package org.backpackbatch.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The content of one record as a snapshot keeps it, in the shared columns of {@code versions}
 * (see {@link RecordKind}). Two versions are the same exactly when their hashes are.
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
        Integer flag) {

    /** What identifies a record across snapshots. */
    public record Key(RecordKind kind, long recordId, long pageId) {
    }

    public Key key() {
        return new Key(kind, recordId, pageId);
    }

    /** SHA-256 over every field, each length-prefixed and null distinct from empty. */
    public byte[] hash() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Object field : Arrays.asList(kind.storedName(), recordId, pageId, parentId, position, type, name, body, createdAt, flag)) {
            if (field == null) {
                digest.update((byte) 0);
            } else {
                byte[] bytes = field.toString().getBytes(StandardCharsets.UTF_8);
                digest.update((byte) 1);
                digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
                digest.update(bytes);
            }
        }
        return digest.digest();
    }
}
