package org.backpackbatch.emulator.seed;

/** An image's metadata before it is placed in a gallery, which gives it its id and gallery id. */
record ImageDraft(String fileName, String description) {
}
