package org.backpackbatch.export;

import java.nio.file.Path;

/** An XML archive that cannot be imported: not gzip, not well-formed, cut off, not an archive, a version we do not read. */
public class BrokenArchiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokenArchiveException(Path archive, String reason, Throwable cause) {
        super("cannot import " + archive + ": " + reason, cause);
    }
}
