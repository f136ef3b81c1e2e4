package org.backpackbatch.store;

/**
 * The kinds of record a snapshot holds, which shared column of {@code versions} each uses, and
 * the snapshot's count of it ({@code snapshots} has a column of that name), if it is counted.
 * Every record has a page; {@code parent_id} is the list of an item, the gallery of an image and
 * the widget of a belonging. The account's own resources are not on a page: their records have
 * their resource's scope as page ({@link Resource#scope()}).
 */
public enum RecordKind {
    /** name = title, type = scope, body = email address. */
    PAGE("page", "pages"),
    /** position, type = widget type, parent_id = widget id. */
    BELONGING("belonging", null),
    /** name = title, body, created_at, position = order in the page's notes. */
    NOTE("note", "notes"),
    /** name, position = order in the page's lists. */
    LIST("list", "lists"),
    /** name = content, flag = completed, parent_id = list, position = order in the list as served. */
    ITEM("item", "items"),
    /** A tag on a page: record id = tag id, name, position = order of the page's tags. Counted once however many pages carry it. */
    TAG("tag", "tags"),
    /** name, position = order in the page's separators. */
    SEPARATOR("separator", "separators"),
    /** name, position. */
    GALLERY("gallery", null),
    /** name = file name, body = description, parent_id = gallery, position. */
    IMAGE("image", null),
    /** name = file name, position. */
    ATTACHMENT("attachment", null),
    /** name = title, body, created_at, position = order in the page's emails. */
    EMAIL("email", "emails"),
    /** A user of the account: name, position = order in users.xml, flag = 1 for the token's own user (me.xml), else 0. */
    USER("user", "users"),
    /** An upcoming reminder: name = content, due_at = remind_at, user_id and user_name = its creator, remindees. */
    REMINDER("reminder", "reminders"),
    /** body, created_at, updated_at, user_id and user_name = its author. */
    JOURNAL_ENTRY("journal_entry", "journal_entries"),
    /** A user's status: name = message, updated_at, user_id and user_name = whose it is. */
    STATUS("status", "statuses"),
    /** name, body = color, created_at, updated_at; never its sharing token or iCal URL, which are credentials. */
    CALENDAR("calendar", "calendars"),
    /** name = title, parent_id = calendar, due_at = occurs_at, flag = remind. */
    CALENDAR_EVENT("calendar_event", "calendar_events"),
    /** The token's user's bookmark: type = bookmarkable type (Page, Tag), parent_id = its id, position, user_id = the owner. */
    BOOKMARK("bookmark", "bookmarks");

    private final String storedName;
    private final String countName;

    RecordKind(String storedName, String countName) {
        this.storedName = storedName;
        this.countName = countName;
    }

    public String storedName() {
        return storedName;
    }

    /** The name of the snapshot's count of this kind (a column of {@code snapshots}), or null when it is not counted. */
    public String countName() {
        return countName;
    }

    public static RecordKind fromStored(String name) {
        for (RecordKind kind : values()) {
            if (kind.storedName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown record kind '" + name + "'");
    }
}
