package org.backpackbatch.api.model;

/**
 * A list item. listId and updatedAt are present only where the answer carries them
 * (`items/list`, `items/add`); on a full page they are null.
 */
public record Item(long id, Long listId, boolean completed, String updatedAt, String content) {

    public Item withCompleted(boolean newCompleted) {
        return new Item(id, listId, newCompleted, updatedAt, content);
    }
}
