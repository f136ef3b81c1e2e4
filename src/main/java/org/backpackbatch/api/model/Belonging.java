package org.backpackbatch.api.model;

/** One slot of a page's order: which widget sits at which position. The type is kept as the server names it. */
public record Belonging(long id, int position, String widgetType, long widgetId) {
}
