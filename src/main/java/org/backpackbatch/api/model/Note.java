package org.backpackbatch.api.model;

/** A note; createdAt is the server's own text (`2005-05-14 16:41:11`), kept verbatim. */
public record Note(long id, String title, String createdAt, String body) {
}
