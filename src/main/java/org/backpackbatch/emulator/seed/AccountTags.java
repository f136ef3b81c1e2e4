package org.backpackbatch.emulator.seed;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.backpackbatch.api.model.Tag;

/** The tags of one account: a tag name gets its id on first use and keeps it on every page. */
final class AccountTags {

    private final LongSupplier ids;
    private final Map<String, Tag> byName = new HashMap<>();

    AccountTags(LongSupplier ids) {
        this.ids = ids;
    }

    Tag named(String name) {
        return byName.computeIfAbsent(name, newName -> new Tag(ids.getAsLong(), newName));
    }

    /** The tag of that name, which some page must carry already. */
    Tag existing(String name) {
        Tag tag = byName.get(name);
        if (tag == null) {
            throw new IllegalArgumentException("no page carries the tag " + name);
        }
        return tag;
    }
}
