package org.backpackbatch.emulator.seed;

/** A list item before it is placed in a list, which gives it its id and list id. */
record ItemDraft(String content, boolean completed, String updatedAt) {
}
