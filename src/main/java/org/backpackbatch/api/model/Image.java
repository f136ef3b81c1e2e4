package org.backpackbatch.api.model;

/** Metadata of an image in a gallery; the file itself has no download endpoint. */
public record Image(long id, String fileName, long galleryId, String description) {
}
