package org.backpackbatch.api.model;

/** One entry of a user's journal; times are the server's ISO-8601 text, kept verbatim. */
public record JournalEntry(long id, long userId, String userName, String body, String createdAt, String updatedAt) {
}
