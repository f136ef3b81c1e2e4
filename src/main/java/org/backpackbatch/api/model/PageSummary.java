package org.backpackbatch.api.model;

/** A page as `pages/all`, `pages/search`, `pages/new` and `tags/select` list it; scope is null where the answer omits it. */
public record PageSummary(long id, String title, Scope scope) {
}
