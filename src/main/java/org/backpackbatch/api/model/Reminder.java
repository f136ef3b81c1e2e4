package org.backpackbatch.api.model;

import java.util.List;

/** A reminder: when it is due (the server's ISO-8601 text), what it says, who made it and whom it reminds. */
public record Reminder(long id, String remindAt, String content, User creator, List<User> remindees) {

    public Reminder {
        remindees = List.copyOf(remindees);
    }
}
