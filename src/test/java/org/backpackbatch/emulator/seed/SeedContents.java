package org.backpackbatch.emulator.seed;

import java.util.List;
import java.util.stream.Stream;
import org.backpackbatch.api.model.Attachment;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Gallery;
import org.backpackbatch.api.model.Image;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.User;

/** Everything of one kind in a seed, across all its pages, for assertions. */
final class SeedContents {

    private SeedContents() {
    }

    static Stream<Note> notes(AccountSeed seed) {
        return seed.pages().stream().flatMap(page -> page.notes().stream());
    }

    static Stream<ItemList> lists(AccountSeed seed) {
        return seed.pages().stream().flatMap(page -> page.lists().stream());
    }

    static Stream<Item> items(AccountSeed seed) {
        return lists(seed).flatMap(list -> list.items().stream());
    }

    static Stream<Image> images(AccountSeed seed) {
        return seed.pages().stream().flatMap(page -> page.galleries().stream()).flatMap(gallery -> gallery.images().stream());
    }

    static Stream<Email> emails(AccountSeed seed) {
        return seed.emailsByPage().values().stream().flatMap(List::stream);
    }

    /** Every piece of text a seed holds, each of which the emulator will write into XML. */
    static Stream<String> texts(AccountSeed seed) {
        return Stream.of(
                seed.pages().stream().flatMap(SeedContents::pageTexts),
                notes(seed).flatMap(note -> Stream.of(note.title(), note.createdAt(), note.body())),
                lists(seed).map(ItemList::name),
                items(seed).flatMap(item -> Stream.of(item.content(), item.updatedAt())),
                images(seed).flatMap(image -> Stream.of(image.fileName(), image.description())),
                emails(seed).flatMap(email -> Stream.of(email.title(), email.createdAt(), email.body())),
                wholeAccountTexts(seed))
                .flatMap(texts -> texts);
    }

    private static Stream<String> wholeAccountTexts(AccountSeed seed) {
        return Stream.of(
                Stream.of(seed.owner().email(), seed.owner().timeZone()),
                seed.users().stream().map(User::name),
                seed.reminders().stream().map(ReminderDraft::content),
                seed.journal().stream().flatMap(entry -> Stream.of(entry.body(), entry.createdAt(), entry.updatedAt())),
                seed.statuses().stream().flatMap(status -> Stream.of(status.message(), status.updatedAt())),
                seed.calendars().stream().flatMap(calendar -> Stream.of(calendar.name(), calendar.color(), calendar.createdAt(),
                        calendar.updatedAt())),
                seed.events().stream().flatMap(event -> Stream.of(event.title(), event.occursAt())))
                .flatMap(texts -> texts);
    }

    private static Stream<String> pageTexts(Page page) {
        return Stream.of(
                Stream.of(page.title(), page.emailAddress()),
                page.tags().stream().map(Tag::name),
                page.separators().stream().map(Separator::name),
                page.galleries().stream().map(Gallery::name),
                page.attachments().stream().map(Attachment::fileName))
                .flatMap(texts -> texts);
    }
}
