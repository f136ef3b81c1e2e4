package org.backpackbatch.restore;

/** The kinds of record a restore creates, as the id map names them. */
public enum RestoreKind {
    PAGE("page"), NOTE("note"), LIST("list"), ITEM("item"), SEPARATOR("separator"), EMAIL_NOTE("email"),
    /** A page's tags, set once: the source page id maps to the target page once its tags request succeeded. */
    TAGS("tags");

    private final String storedName;

    RestoreKind(String storedName) {
        this.storedName = storedName;
    }

    public String storedName() {
        return storedName;
    }
}
