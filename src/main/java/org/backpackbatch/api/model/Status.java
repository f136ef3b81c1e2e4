package org.backpackbatch.api.model;

/** A user's status line ("what are you doing?"); a user who never set one has none. */
public record Status(long id, long userId, String userName, String message, String updatedAt) {
}
