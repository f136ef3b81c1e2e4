package org.backpackbatch.api.model;

import java.util.List;

/**
 * A whole-user export ({@code users/{id}/export.xml}): the user, the account's name, the account's
 * own pages as full pages, and the user's reminders.
 */
public record UserExport(User user, String account, List<Page> pages, List<Reminder> reminders) {

    public UserExport {
        pages = List.copyOf(pages);
        reminders = List.copyOf(reminders);
    }
}
