package org.backpackbatch.api.model;

import java.util.List;

/**
 * A full page as `POST /ws/page/{id}` returns it. Scope is not part of that answer and is null
 * there; the archive and the emulator's own state carry it.
 */
public record Page(
        long id,
        String title,
        Scope scope,
        String emailAddress,
        List<Belonging> belongings,
        List<Note> notes,
        List<ItemList> lists,
        List<Tag> tags,
        List<Separator> separators,
        List<Gallery> galleries,
        List<Attachment> attachments) {

    public Page {
        belongings = List.copyOf(belongings);
        notes = List.copyOf(notes);
        lists = List.copyOf(lists);
        tags = List.copyOf(tags);
        separators = List.copyOf(separators);
        galleries = List.copyOf(galleries);
        attachments = List.copyOf(attachments);
    }

    public static Page empty(long id, String title, Scope scope, String emailAddress) {
        return new Page(id, title, scope, emailAddress, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public PageSummary summary() {
        return new PageSummary(id, title, scope);
    }

    public Page withTitle(String newTitle) {
        return new Page(id, newTitle, scope, emailAddress, belongings, notes, lists, tags, separators, galleries, attachments);
    }

    public Page withScope(Scope newScope) {
        return new Page(id, title, newScope, emailAddress, belongings, notes, lists, tags, separators, galleries, attachments);
    }

    public Page withBelongings(List<Belonging> newBelongings) {
        return new Page(id, title, scope, emailAddress, newBelongings, notes, lists, tags, separators, galleries, attachments);
    }

    public Page withNotes(List<Note> newNotes) {
        return new Page(id, title, scope, emailAddress, belongings, newNotes, lists, tags, separators, galleries, attachments);
    }

    public Page withLists(List<ItemList> newLists) {
        return new Page(id, title, scope, emailAddress, belongings, notes, newLists, tags, separators, galleries, attachments);
    }

    public Page withTags(List<Tag> newTags) {
        return new Page(id, title, scope, emailAddress, belongings, notes, lists, newTags, separators, galleries, attachments);
    }

    public Page withSeparators(List<Separator> newSeparators) {
        return new Page(id, title, scope, emailAddress, belongings, notes, lists, tags, newSeparators, galleries, attachments);
    }
}
