package org.backpackbatch.api.model;

/** An event of a calendar; {@code occursAt} is the server's ISO-8601 text, {@code remind} whether it sends a reminder. */
public record CalendarEvent(long id, long calendarId, String title, String occursAt, boolean remind) {
}
