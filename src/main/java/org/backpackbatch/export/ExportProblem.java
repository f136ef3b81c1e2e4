package org.backpackbatch.export;

/** The export cannot be written where it was asked to go: a missing folder, a folder in the file's place. */
public class ExportProblem extends RuntimeException {
    public ExportProblem(String message) {
        super(message);
    }
}
