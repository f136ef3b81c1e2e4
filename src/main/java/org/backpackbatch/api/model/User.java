package org.backpackbatch.api.model;

/** A user of the account, as {@code users.xml} lists it and as reminders, journal entries and statuses name it. */
public record User(long id, String name) {
}
