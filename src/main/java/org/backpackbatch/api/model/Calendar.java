package org.backpackbatch.api.model;

/**
 * A calendar of the account. The API also sends the calendar's sharing {@code token} and
 * {@code ical-subscription-url}: they are credentials, so this record has no place for them and
 * the reader skips them.
 */
public record Calendar(long id, String name, String color, String createdAt, String updatedAt) {
}
