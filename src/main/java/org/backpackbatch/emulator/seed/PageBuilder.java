package org.backpackbatch.emulator.seed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.backpackbatch.api.model.Attachment;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Gallery;
import org.backpackbatch.api.model.Image;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.WidgetType;

/**
 * Lays out one seeded page: every widget added gets the next belonging, so positions run 1..n in
 * the order of the calls and each widget has exactly one belonging. Ids are taken in call order.
 */
final class PageBuilder {

    private final LongSupplier ids;
    private final AccountTags accountTags;
    private final long id;
    private final String title;
    private final Scope scope;
    private final String emailAddress;
    private final List<Belonging> belongings = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final List<ItemList> lists = new ArrayList<>();
    private final List<Separator> separators = new ArrayList<>();
    private final List<Gallery> galleries = new ArrayList<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private final Set<Tag> tags = new LinkedHashSet<>();
    private final List<Email> emails = new ArrayList<>();

    PageBuilder(long id, String title, Scope scope, String emailAddress, LongSupplier ids, AccountTags accountTags) {
        this.id = id;
        this.title = title;
        this.scope = scope;
        this.emailAddress = emailAddress;
        this.ids = ids;
        this.accountTags = accountTags;
    }

    long id() {
        return id;
    }

    PageBuilder note(String noteTitle, String createdAt, String body) {
        notes.add(new Note(place(WidgetType.NOTE), noteTitle, createdAt, body));
        return this;
    }

    PageBuilder list(String name, List<ItemDraft> drafts) {
        long listId = place(WidgetType.LIST);
        // One boxed id shared by all the list's items keeps long generated lists cheap.
        Long itemListId = listId;
        List<Item> items = new ArrayList<>(drafts.size());
        for (ItemDraft draft : drafts) {
            items.add(new Item(ids.getAsLong(), itemListId, draft.completed(), draft.updatedAt(), draft.content()));
        }
        lists.add(new ItemList(listId, name, items));
        return this;
    }

    PageBuilder separator(String name) {
        separators.add(new Separator(place(WidgetType.SEPARATOR), name));
        return this;
    }

    PageBuilder gallery(String name, List<ImageDraft> drafts) {
        long galleryId = place(WidgetType.GALLERY);
        List<Image> images = new ArrayList<>(drafts.size());
        for (ImageDraft draft : drafts) {
            images.add(new Image(ids.getAsLong(), draft.fileName(), galleryId, draft.description()));
        }
        galleries.add(new Gallery(galleryId, name, images));
        return this;
    }

    PageBuilder attachment(String fileName) {
        attachments.add(new Attachment(place(WidgetType.ASSET), fileName));
        return this;
    }

    /** Adds tags by name; a name the page already carries is not added twice. */
    PageBuilder tagged(String... names) {
        for (String name : names) {
            tags.add(accountTags.named(name));
        }
        return this;
    }

    PageBuilder email(String emailTitle, String createdAt, String body) {
        emails.add(new Email(ids.getAsLong(), emailTitle, createdAt, body));
        return this;
    }

    List<Email> emails() {
        return emails;
    }

    Page build() {
        return new Page(id, title, scope, emailAddress, belongings, notes, lists, List.copyOf(tags),
                separators, galleries, attachments);
    }

    private long place(String widgetType) {
        long belongingId = ids.getAsLong();
        long widgetId = ids.getAsLong();
        belongings.add(new Belonging(belongingId, belongings.size() + 1, widgetType, widgetId));
        return widgetId;
    }
}
