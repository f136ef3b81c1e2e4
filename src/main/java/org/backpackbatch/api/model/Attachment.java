package org.backpackbatch.api.model;

/** Metadata of an attached file; the file itself has no download endpoint. */
public record Attachment(long id, String fileName) {
}
