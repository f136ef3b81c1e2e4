package org.backpackbatch.restore;

/** The kinds of record a restore creates, as the id map names them. */
public enum RestoreKind {
    PAGE("page"), NOTE("note"), LIST("list"), ITEM("item"), SEPARATOR("separator"), EMAIL_NOTE("email"),
    /** A page's tags, set once: the source page id maps to the target page once its tags request succeeded. */
    TAGS("tags"),
    REMINDER("reminder"), JOURNAL_ENTRY("journal_entry"),
    /** The token's own status, set once: the source status maps to the target's status once it is set. */
    STATUS("status"),
    CALENDAR_EVENT("calendar_event");

    private final String storedName;

    RestoreKind(String storedName) {
        this.storedName = storedName;
    }

    public String storedName() {
        return storedName;
    }
}
