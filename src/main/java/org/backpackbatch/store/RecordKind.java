package org.backpackbatch.store;

/**
 * The kinds of record a snapshot holds, and which shared column of {@code versions} each uses.
 * Every record has a page; {@code parent_id} is the list of an item, the gallery of an image and
 * the widget of a belonging.
 */
public enum RecordKind {
    /** name = title, type = scope, body = email address. */
    PAGE("page"),
    /** position, type = widget type, parent_id = widget id. */
    BELONGING("belonging"),
    /** name = title, body, created_at, position = order in the page's notes. */
    NOTE("note"),
    /** name, position = order in the page's lists. */
    LIST("list"),
    /** name = content, flag = completed, parent_id = list, position = order in the list as served. */
    ITEM("item"),
    /** A tag on a page: record id = tag id, name, position = order of the page's tags. */
    TAG("tag"),
    /** name, position = order in the page's separators. */
    SEPARATOR("separator"),
    /** name, position. */
    GALLERY("gallery"),
    /** name = file name, body = description, parent_id = gallery, position. */
    IMAGE("image"),
    /** name = file name, position. */
    ATTACHMENT("attachment"),
    /** name = title, body, created_at, position = order in the page's emails. */
    EMAIL("email");

    private final String storedName;

    RecordKind(String storedName) {
        this.storedName = storedName;
    }

    public String storedName() {
        return storedName;
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
