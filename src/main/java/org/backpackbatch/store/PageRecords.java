package org.backpackbatch.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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

/** A full page (with its scope and emails) as the records a snapshot stores, and back. */
public final class PageRecords {

    /** A page as a snapshot holds it: the full page with its scope, and its emails. */
    public record StoredPage(Page page, List<Email> emails) {
        public StoredPage {
            emails = List.copyOf(emails);
        }
    }

    private PageRecords() {
    }

    public static List<RecordVersion> toRecords(Page page, List<Email> emails) {
        long pageId = page.id();
        List<RecordVersion> records = new ArrayList<>();
        records.add(new RecordVersion(RecordKind.PAGE, pageId, pageId, null, null,
                page.scope() == null ? null : page.scope().xmlName(), page.title(), page.emailAddress(), null, null));
        for (Belonging belonging : page.belongings()) {
            records.add(new RecordVersion(RecordKind.BELONGING, belonging.id(), pageId, belonging.widgetId(), belonging.position(),
                    belonging.widgetType(), null, null, null, null));
        }
        indexed(page.notes(), (note, position) -> records.add(new RecordVersion(RecordKind.NOTE, note.id(), pageId, null, position,
                null, note.title(), note.body(), note.createdAt(), null)));
        indexed(page.lists(), (list, position) -> {
            records.add(new RecordVersion(RecordKind.LIST, list.id(), pageId, null, position, null, list.name(), null, null, null));
            indexed(list.items(), (item, itemPosition) -> records.add(new RecordVersion(RecordKind.ITEM, item.id(), pageId, list.id(),
                    itemPosition, null, item.content(), null, null, item.completed() ? 1 : 0)));
        });
        indexed(page.tags(), (tag, position) -> records.add(new RecordVersion(RecordKind.TAG, tag.id(), pageId, null, position,
                null, tag.name(), null, null, null)));
        indexed(page.separators(), (separator, position) -> records.add(new RecordVersion(RecordKind.SEPARATOR, separator.id(),
                pageId, null, position, null, separator.name(), null, null, null)));
        indexed(page.galleries(), (gallery, position) -> {
            records.add(new RecordVersion(RecordKind.GALLERY, gallery.id(), pageId, null, position, null, gallery.name(), null, null, null));
            indexed(gallery.images(), (image, imagePosition) -> records.add(new RecordVersion(RecordKind.IMAGE, image.id(), pageId,
                    gallery.id(), imagePosition, null, image.fileName(), image.description(), null, null)));
        });
        indexed(page.attachments(), (attachment, position) -> records.add(new RecordVersion(RecordKind.ATTACHMENT, attachment.id(),
                pageId, null, position, null, attachment.fileName(), null, null, null)));
        indexed(emails, (email, position) -> records.add(new RecordVersion(RecordKind.EMAIL, email.id(), pageId, null, position,
                null, email.title(), email.body(), email.createdAt(), null)));
        return records;
    }

    /** The page back from its records; null when they hold no PAGE record. */
    public static StoredPage fromRecords(List<RecordVersion> records) {
        Map<RecordKind, List<RecordVersion>> byKind = records.stream()
                .sorted(Comparator.comparing((RecordVersion r) -> r.position() == null ? 0 : r.position()).thenComparing(RecordVersion::recordId))
                .collect(Collectors.groupingBy(RecordVersion::kind));
        List<RecordVersion> pageRecords = byKind.getOrDefault(RecordKind.PAGE, List.of());
        if (pageRecords.isEmpty()) {
            return null;
        }
        RecordVersion pageRecord = pageRecords.get(0);
        Map<Long, List<RecordVersion>> itemsByList = of(byKind, RecordKind.ITEM).stream().collect(Collectors.groupingBy(RecordVersion::parentId));
        Map<Long, List<RecordVersion>> imagesByGallery = of(byKind, RecordKind.IMAGE).stream().collect(Collectors.groupingBy(RecordVersion::parentId));
        Page page = new Page(pageRecord.recordId(), pageRecord.name(), pageRecord.type() == null ? null : Scope.fromXml(pageRecord.type()),
                pageRecord.body(),
                map(of(byKind, RecordKind.BELONGING), r -> new Belonging(r.recordId(), r.position(), r.type(), r.parentId())),
                map(of(byKind, RecordKind.NOTE), r -> new Note(r.recordId(), r.name(), r.createdAt(), r.body())),
                map(of(byKind, RecordKind.LIST), r -> new ItemList(r.recordId(), r.name(),
                        map(itemsByList.getOrDefault(r.recordId(), List.of()), item -> new Item(item.recordId(), null,
                                item.flag() != null && item.flag() == 1, null, item.name())))),
                map(of(byKind, RecordKind.TAG), r -> new Tag(r.recordId(), r.name())),
                map(of(byKind, RecordKind.SEPARATOR), r -> new Separator(r.recordId(), r.name())),
                map(of(byKind, RecordKind.GALLERY), r -> new Gallery(r.recordId(), r.name(),
                        map(imagesByGallery.getOrDefault(r.recordId(), List.of()), image -> new Image(image.recordId(), image.name(),
                                r.recordId(), image.body())))),
                map(of(byKind, RecordKind.ATTACHMENT), r -> new Attachment(r.recordId(), r.name())));
        List<Email> emails = map(of(byKind, RecordKind.EMAIL), r -> new Email(r.recordId(), r.name(), r.createdAt(), r.body()));
        return new StoredPage(page, emails);
    }

    private static List<RecordVersion> of(Map<RecordKind, List<RecordVersion>> byKind, RecordKind kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    private static <T> List<T> map(List<RecordVersion> records, Function<RecordVersion, T> mapper) {
        return records.stream().map(mapper).toList();
    }

    @FunctionalInterface
    private interface Positioned<T> {
        void accept(T element, int position);
    }

    private static <T> void indexed(List<T> elements, Positioned<T> consumer) {
        for (int i = 0; i < elements.size(); i++) {
            consumer.accept(elements.get(i), i + 1);
        }
    }
}
