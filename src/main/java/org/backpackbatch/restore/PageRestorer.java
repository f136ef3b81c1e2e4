package org.backpackbatch.restore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.WidgetType;
import org.backpackbatch.store.PageRecords.StoredPage;

/**
 * Replays one source page into the target: the page, its widgets in belongings order, each
 * list's items in order, its tags, then a reorder only where the target's order differs. Every
 * create goes through the id map ({@link MappedCreates}).
 */
final class PageRestorer {

    private final BackpackClient client;
    private final RestoreLedger ledger;
    private final RestoreLedger.Run run;
    private final boolean emailsAsNotes;
    private final RestoreTally tally;
    private final MappedCreates creates;
    private final StoredPage stored;
    private final long sourcePageId;

    PageRestorer(BackpackClient client, RestoreLedger ledger, RestoreLedger.Run run, boolean emailsAsNotes, RestoreTally tally,
            StoredPage stored) {
        this.client = client;
        this.ledger = ledger;
        this.run = run;
        this.emailsAsNotes = emailsAsNotes;
        this.tally = tally;
        this.creates = new MappedCreates(ledger, run, tally);
        this.stored = stored;
        this.sourcePageId = stored.page().id();
    }

    void restore() {
        Page source = stored.page();
        ledger.clearReport(run.id(), sourcePageId);
        RestoreLedger.Mapping pageBefore = ledger.mapping(run.targetAccountId(), RestoreKind.PAGE, sourcePageId);
        Long pageId = ensure(RestoreKind.PAGE, sourcePageId, "page '" + source.title() + "'",
                () -> client.createPage(source.title()).id(),
                () -> adoptPage(source));
        if (pageId == null) {
            return;
        }
        // into the snapshot's own account a page that is still there may hold content that stays
        boolean hadContent = run.sameAccount() && pageBefore != null && !pageBefore.inFlight();
        Page before = hadContent ? read(() -> client.page(pageId)) : null;
        RestorePlan.unrestorable(stored, before == null ? null : before.belongings(), emailsAsNotes)
                .forEach(part -> ledger.unrestorable(run.id(), part));
        for (Belonging belonging : sorted(source.belongings())) {
            if (before == null || !before.belongings().stream().anyMatch(b -> b.widgetType().equals(belonging.widgetType())
                    && b.widgetId() == belonging.widgetId())) {
                restoreWidget(source, pageId, belonging);
            }
        }
        for (ItemList list : source.lists()) {
            RestoreLedger.Mapping listMapping = ledger.mapping(run.targetAccountId(), RestoreKind.LIST, list.id());
            if (listMapping == null || listMapping.inFlight()) {
                continue;
            }
            long targetList = listMapping.targetId();
            for (Item item : list.items()) {
                ensure(RestoreKind.ITEM, item.id(), "item '" + item.content() + "' of list '" + list.name() + "'",
                        () -> client.createItem(pageId, targetList, item.content(), item.completed()).id(),
                        () -> adoptItem(pageId, targetList, item));
            }
        }
        if (!hadContent) {
            // a page that still exists keeps its emails; only a recreated page has lost them
            restoreEmails(pageId);
        }
        settleOrderAndTags(source, pageId, hadContent);
    }

    private void restoreWidget(Page source, long pageId, Belonging belonging) {
        switch (belonging.widgetType()) {
            case WidgetType.NOTE -> byId(source.notes(), Note::id, belonging.widgetId()).ifPresent(note ->
                    ensure(RestoreKind.NOTE, note.id(), "note '" + note.title() + "'",
                            () -> client.createNote(pageId, note.title(), note.body()).id(),
                            () -> adopt(read(() -> client.page(pageId)).notes(), RestoreKind.NOTE, Note::id,
                                    n -> n.title().equals(note.title()) && n.body().equals(note.body()))));
            case WidgetType.LIST -> byId(source.lists(), ItemList::id, belonging.widgetId()).ifPresent(list ->
                    ensure(RestoreKind.LIST, list.id(), "list '" + list.name() + "'",
                            () -> client.createList(pageId, list.name()).id(),
                            () -> adopt(read(() -> client.page(pageId)).lists(), RestoreKind.LIST, ItemList::id, l -> l.name().equals(list.name()))));
            case WidgetType.SEPARATOR -> byId(source.separators(), Separator::id, belonging.widgetId()).ifPresent(separator ->
                    ensure(RestoreKind.SEPARATOR, separator.id(), "separator '" + separator.name() + "'",
                            () -> client.createSeparator(pageId, separator.name()).id(),
                            () -> adopt(read(() -> client.page(pageId)).separators(), RestoreKind.SEPARATOR, Separator::id,
                                    s -> s.name().equals(separator.name()))));
            // galleries, attachments and unknown widgets: reported by RestorePlan.unrestorable
            default -> { }
        }
    }

    private void restoreEmails(long pageId) {
        if (!emailsAsNotes) {
            // reported by RestorePlan.unrestorable
            return;
        }
        for (Email email : stored.emails()) {
            String title = "Email: " + email.title();
            String body = "(received " + email.createdAt() + ")\n" + email.body();
            ensure(RestoreKind.EMAIL_NOTE, email.id(), "email '" + email.title() + "'",
                    () -> client.createNote(pageId, title, body).id(),
                    () -> adopt(read(() -> client.page(pageId)).notes(), RestoreKind.EMAIL_NOTE, Note::id,
                            n -> n.title().equals(title) && n.body().equals(body)));
        }
    }

    /**
     * Tags in one request, and a reorder only where the target's order differs from the
     * snapshot's. A page created by this run already has the snapshot's order (widgets and items
     * were appended in it), so only pages that held content before are read back.
     */
    private void settleOrderAndTags(Page source, long pageId, boolean hadContent) {
        List<String> tagNames = source.tags().stream().map(Tag::name).toList();
        if (!hadContent) {
            RestoreLedger.Mapping tagged = ledger.mapping(run.targetAccountId(), RestoreKind.TAGS, sourcePageId);
            if (!tagNames.isEmpty() && (tagged == null || tagged.inFlight())) {
                client.tagPage(pageId, tagNames);
                ledger.learn(run.targetAccountId(), RestoreKind.TAGS, sourcePageId, pageId);
                tally.sent(RestoreTally.Request.TAGS);
            }
            return;
        }
        Page target = read(() -> client.page(pageId));
        if (!target.tags().stream().map(Tag::name).toList().equals(tagNames)) {
            client.tagPage(pageId, tagNames);
            tally.sent(RestoreTally.Request.TAGS);
        }
        List<Long> wantedBelongings = new ArrayList<>();
        for (Belonging belonging : sorted(source.belongings())) {
            RestoreKind kind = switch (belonging.widgetType()) {
                case WidgetType.NOTE -> RestoreKind.NOTE;
                case WidgetType.LIST -> RestoreKind.LIST;
                case WidgetType.SEPARATOR -> RestoreKind.SEPARATOR;
                default -> null;
            };
            Long widget = kind == null ? null : targetOf(kind, belonging.widgetId());
            if (widget != null) {
                target.belongings().stream()
                        .filter(b -> b.widgetType().equals(belonging.widgetType()) && b.widgetId() == widget)
                        .findFirst().ifPresent(b -> wantedBelongings.add(b.id()));
            }
        }
        List<Long> currentBelongings = sorted(target.belongings()).stream().map(Belonging::id)
                .filter(wantedBelongings::contains).toList();
        if (!currentBelongings.equals(wantedBelongings)) {
            client.reorderBelongings(pageId, wantedBelongings);
            tally.sent(RestoreTally.Request.REORDERS);
        }
        Map<Long, ItemList> targetLists = target.lists().stream().collect(Collectors.toMap(ItemList::id, Function.identity()));
        for (ItemList list : source.lists()) {
            Long targetList = targetOf(RestoreKind.LIST, list.id());
            ItemList shown = targetList == null ? null : targetLists.get(targetList);
            if (shown == null) {
                continue;
            }
            List<Long> wantedItems = list.items().stream().map(item -> targetOf(RestoreKind.ITEM, item.id()))
                    .filter(Objects::nonNull).toList();
            List<Long> currentItems = shown.items().stream().map(Item::id).filter(wantedItems::contains).toList();
            if (!currentItems.equals(wantedItems)) {
                client.reorderItems(pageId, targetList, wantedItems);
                tally.sent(RestoreTally.Request.REORDERS);
            }
        }
    }

    private Long ensure(RestoreKind kind, long sourceId, String what, LongSupplier create, Supplier<Long> adopt) {
        return creates.ensure(sourcePageId, kind, sourceId, what, create, adopt);
    }

    private Long adoptPage(Page source) {
        Set<Long> taken = ledger.mappedTargets(run.targetAccountId(), RestoreKind.PAGE);
        return read(client::pages).stream()
                .filter(page -> page.title().equals(source.title()) && !taken.contains(page.id()))
                .map(PageSummary::id)
                .max(Comparator.naturalOrder())
                .orElse(null);
    }

    private Long adoptItem(long pageId, long listId, Item item) {
        return adopt(read(() -> client.items(pageId, listId)), RestoreKind.ITEM, Item::id,
                i -> i.content().equals(item.content()) && i.completed() == item.completed());
    }

    private <T> Long adopt(List<T> candidates, RestoreKind kind, Function<T, Long> idOf, Predicate<T> matches) {
        return creates.adopt(candidates, kind, idOf, matches);
    }

    private <T> T read(Supplier<T> request) {
        return creates.read(request);
    }

    private Long targetOf(RestoreKind kind, long sourceId) {
        RestoreLedger.Mapping mapping = ledger.mapping(run.targetAccountId(), kind, sourceId);
        return mapping == null ? null : mapping.targetId();
    }

    private static List<Belonging> sorted(List<Belonging> belongings) {
        return belongings.stream().sorted(Comparator.comparingInt(Belonging::position)).toList();
    }

    private static <T> java.util.Optional<T> byId(List<T> elements, Function<T, Long> idOf, long id) {
        return elements.stream().filter(element -> idOf.apply(element) == id).findFirst();
    }
}
