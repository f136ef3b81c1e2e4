package org.backpackbatch.api;

/**
 * Which of an account's two rate limits a request spends: the service counts its calendar
 * endpoints (10 per 5 s) apart from all the others (100 per 5 s). The client's throttles and the
 * emulator's windows both ask this one place.
 */
public enum RequestBudget {
    GENERAL,
    CALENDAR;

    private static final String CALENDAR_PREFIX = "calendar";

    /** The budget of a path within the account: {@code /calendars...} and {@code /calendar_events...} are calendar endpoints. */
    public static RequestBudget of(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.startsWith(CALENDAR_PREFIX) ? CALENDAR : GENERAL;
    }
}
