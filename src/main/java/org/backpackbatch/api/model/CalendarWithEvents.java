package org.backpackbatch.api.model;

import java.util.List;

/** A calendar and its events, by time: as a backup holds it and the XML archive writes it. */
public record CalendarWithEvents(Calendar calendar, List<CalendarEvent> events) {

    public CalendarWithEvents {
        events = List.copyOf(events);
    }
}
