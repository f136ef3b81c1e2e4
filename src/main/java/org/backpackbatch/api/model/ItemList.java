package org.backpackbatch.api.model;

import java.util.List;

/** A list widget with its items in the order the server gave them (empty where the answer lists no items). */
public record ItemList(long id, String name, List<Item> items) {
    public ItemList {
        items = List.copyOf(items);
    }
}
