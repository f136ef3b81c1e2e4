package org.backpackbatch.api.model;

/** A user's bookmark of a page or a tag, at its position in the user's bookmark list. */
public record Bookmark(long id, long userId, String bookmarkableType, long bookmarkableId, int position) {

    /** The bookmarkable-type of a bookmarked page. */
    public static final String PAGE = "Page";
    /** The bookmarkable-type of a bookmarked tag. */
    public static final String TAG = "Tag";
}
