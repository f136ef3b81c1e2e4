package org.backpackbatch.restore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.function.Function;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.WidgetType;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.SnapshotStore;

/**
 * What a restore will do: the snapshot's pages it replays, the records that already exist in
 * the target (into the snapshot's own account: those not deleted since), and the requests that
 * leaves to send, by kind.
 */
public final class RestorePlan {

    /** A source record by kind and id. */
    record SourceRecord(RestoreKind kind, long id) {
    }

    private final Map<Long, StoredPage> pages;
    private final AccountPlan account;
    private final List<String> leftOut;
    private final boolean sameAccount;
    private final Map<SourceRecord, Long> present;
    /** For each selected page the target still has (into the snapshot's own account): the widgets it holds there now. */
    private final Map<Long, List<Belonging>> keptWidgets;
    private final long reads;

    private RestorePlan(Map<Long, StoredPage> pages, AccountPlan account, List<String> leftOut, boolean sameAccount,
            Map<SourceRecord, Long> present, Map<Long, List<Belonging>> keptWidgets, long reads) {
        this.pages = pages;
        this.account = account;
        this.leftOut = leftOut;
        this.sameAccount = sameAccount;
        this.present = present;
        this.keptWidgets = keptWidgets;
        this.reads = reads;
    }

    /**
     * Reads the snapshot, keeps the selected pages ({@code onlyPages} empty means all, and the
     * account's own resources too; friends pages only with {@code includeFriends}) and, when the
     * target is the snapshot's own account, reads the target to find which source records are still
     * there: under their own id, or under the id an earlier restore gave them ({@code ledger} may be
     * null).
     */
    public static RestorePlan make(SnapshotStore store, long snapshotId, List<Long> onlyPages, boolean includeFriends,
            BackpackClient target, boolean sameAccount, RestoreLedger ledger, long targetAccountId) {
        Map<Long, StoredPage> selected = new LinkedHashMap<>();
        List<String> leftOut = new ArrayList<>();
        Set<Long> wanted = new HashSet<>(onlyPages);
        Set<Long> missing = new HashSet<>(wanted);
        store.pages(snapshotId, stored -> {
            Page page = stored.page();
            if (!wanted.isEmpty() && !wanted.contains(page.id())) {
                return;
            }
            missing.remove(page.id());
            if (page.scope() == Scope.FRIENDS && !includeFriends) {
                leftOut.add("friends page " + page.id() + " '" + page.title() + "': shared by another user; --include-friends recreates it");
                return;
            }
            selected.put(page.id(), stored);
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("snapshot " + snapshotId + " has no page " + missing.iterator().next());
        }
        Function<SourceRecord, Long> mapped = record -> {
            RestoreLedger.Mapping mapping = ledger == null ? null : ledger.mapping(targetAccountId, record.kind(), record.id());
            return mapping == null ? null : mapping.targetId();
        };
        // read the target's page list first in any case: a refused token stops the restore before it starts
        Set<Long> targetPages = new HashSet<>();
        target.pages().forEach(page -> targetPages.add(page.id()));
        long readsBefore = target.requestsSent() - 1;
        Map<SourceRecord, Long> present = new HashMap<>();
        Map<Long, List<Belonging>> keptWidgets = new HashMap<>();
        if (sameAccount) {
            presentInTarget(target, targetPages, selected, mapped, present, keptWidgets);
        }
        AccountPlan account = onlyPages.isEmpty() ? AccountPlan.make(store.account(snapshotId), target, sameAccount, mapped, present)
                : AccountPlan.none();
        return new RestorePlan(selected, account, leftOut, sameAccount, present, keptWidgets, target.requestsSent() - readsBefore);
    }

    /** Fills in, for each source record of the selected pages that the target still has, its target id, and each such page's widgets there. */
    private static void presentInTarget(BackpackClient target, Set<Long> targetPages, Map<Long, StoredPage> selected,
            Function<SourceRecord, Long> mapped, Map<SourceRecord, Long> present, Map<Long, List<Belonging>> keptWidgets) {
        for (StoredPage stored : selected.values()) {
            Page then = stored.page();
            Long pageId = find(new SourceRecord(RestoreKind.PAGE, then.id()), targetPages, mapped);
            if (pageId == null) {
                continue;
            }
            present.put(new SourceRecord(RestoreKind.PAGE, then.id()), pageId);
            Page now = target.page(pageId);
            keptWidgets.put(then.id(), now.belongings());
            Set<Long> notes = ids(now.notes(), Note::id);
            Set<Long> separators = ids(now.separators(), Separator::id);
            Set<Long> lists = ids(now.lists(), ItemList::id);
            Set<Long> items = new HashSet<>();
            now.lists().forEach(list -> items.addAll(ids(list.items(), Item::id)));
            then.notes().forEach(note -> mark(present, new SourceRecord(RestoreKind.NOTE, note.id()), notes, mapped));
            then.separators().forEach(separator -> mark(present, new SourceRecord(RestoreKind.SEPARATOR, separator.id()), separators, mapped));
            for (ItemList list : then.lists()) {
                mark(present, new SourceRecord(RestoreKind.LIST, list.id()), lists, mapped);
                list.items().forEach(item -> mark(present, new SourceRecord(RestoreKind.ITEM, item.id()), items, mapped));
            }
        }
    }

    private static void mark(Map<SourceRecord, Long> present, SourceRecord record, Set<Long> targetIds, Function<SourceRecord, Long> mapped) {
        Long targetId = find(record, targetIds, mapped);
        if (targetId != null) {
            present.put(record, targetId);
        }
    }

    /** The record's own id when the target has it, else the id an earlier restore gave it when the target still has that. */
    static Long find(SourceRecord record, Set<Long> targetIds, Function<SourceRecord, Long> mapped) {
        if (targetIds.contains(record.id())) {
            return record.id();
        }
        Long earlier = mapped.apply(record);
        return earlier != null && targetIds.contains(earlier) ? earlier : null;
    }

    private static <T> Set<Long> ids(List<T> elements, Function<T, Long> idOf) {
        Set<Long> ids = new HashSet<>();
        elements.forEach(element -> ids.add(idOf.apply(element)));
        return ids;
    }

    /**
     * Brings the id map in line with the target before a run into the snapshot's own account: what
     * is still there is mapped to where it is, what is gone is forgotten so that it is recreated.
     */
    void settleIdMap(RestoreLedger ledger, long targetAccountId) {
        if (!sameAccount) {
            return;
        }
        for (StoredPage stored : pages.values()) {
            Page page = stored.page();
            settle(ledger, targetAccountId, new SourceRecord(RestoreKind.PAGE, page.id()));
            page.notes().forEach(note -> settle(ledger, targetAccountId, new SourceRecord(RestoreKind.NOTE, note.id())));
            page.separators().forEach(separator -> settle(ledger, targetAccountId, new SourceRecord(RestoreKind.SEPARATOR, separator.id())));
            for (ItemList list : page.lists()) {
                settle(ledger, targetAccountId, new SourceRecord(RestoreKind.LIST, list.id()));
                list.items().forEach(item -> settle(ledger, targetAccountId, new SourceRecord(RestoreKind.ITEM, item.id())));
            }
        }
        account.records().forEach(record -> settle(ledger, targetAccountId, record));
    }

    private void settle(RestoreLedger ledger, long targetAccountId, SourceRecord record) {
        Long targetId = present.get(record);
        if (targetId != null) {
            ledger.learn(targetAccountId, record.kind(), record.id(), targetId);
        } else {
            ledger.forget(targetAccountId, record.kind(), record.id());
        }
    }

    public Map<Long, StoredPage> pages() {
        return pages;
    }

    /** What of the account's own resources the restore replays and reports. */
    AccountPlan account() {
        return account;
    }

    /** The reads of the target the plan itself made. */
    long reads() {
        return reads;
    }

    /** Pages of the snapshot that this restore leaves out, and why. */
    public List<String> leftOut() {
        return leftOut;
    }

    /**
     * Everything a run of this plan will report as not restored, but what the server refuses, in
     * the order of the run's report: the pages left out, what of the account's own resources cannot
     * be written, then each page's {@link #unrestorable} parts.
     */
    public List<String> notRestored(boolean emailsAsNotes) {
        List<String> lines = new ArrayList<>(leftOut);
        account.units().forEach(resource -> account.unrestorable(resource).forEach(part -> lines.add(part.line())));
        pages.values().forEach(stored -> unrestorable(stored, keptWidgets.get(stored.page().id()), emailsAsNotes)
                .forEach(part -> lines.add(part.line())));
        return lines;
    }

    /**
     * What of a page the API cannot recreate, and why: its galleries and attachments (no file
     * uploads), widgets of unknown kinds, and its emails unless they come back as notes. The one
     * definition both the run's report and the dry run's list come from. {@code kept}: the
     * page's widgets in the target when the page is still there (what is still there is not
     * lost, and neither are the emails of a page that was never deleted), null when the restore creates the page.
     */
    static List<RestoreLedger.Unrestorable> unrestorable(StoredPage stored, List<Belonging> kept, boolean emailsAsNotes) {
        Page page = stored.page();
        List<RestoreLedger.Unrestorable> parts = new ArrayList<>();
        for (Belonging belonging : page.belongings().stream().sorted(Comparator.comparingInt(Belonging::position)).toList()) {
            boolean stillThere = kept != null && kept.stream().anyMatch(b -> b.widgetType().equals(belonging.widgetType())
                    && b.widgetId() == belonging.widgetId());
            if (stillThere) {
                continue;
            }
            switch (belonging.widgetType()) {
                case WidgetType.NOTE, WidgetType.LIST, WidgetType.SEPARATOR -> { }
                case WidgetType.GALLERY -> page.galleries().stream().filter(g -> g.id() == belonging.widgetId()).findFirst()
                        .ifPresent(gallery -> parts.add(new RestoreLedger.Unrestorable(page.id(), "gallery '" + gallery.name() + "' ("
                                + gallery.images().size() + " images)", "the API has no way to upload image files")));
                case WidgetType.ASSET -> page.attachments().stream().filter(a -> a.id() == belonging.widgetId()).findFirst()
                        .ifPresent(attachment -> parts.add(new RestoreLedger.Unrestorable(page.id(),
                                "attachment '" + attachment.fileName() + "'", "the API has no way to upload attachment files")));
                default -> parts.add(new RestoreLedger.Unrestorable(page.id(), belonging.widgetType() + " " + belonging.widgetId(),
                        "an unknown kind of widget"));
            }
        }
        List<Email> emails = stored.emails();
        if (kept == null && !emails.isEmpty() && !emailsAsNotes) {
            parts.add(new RestoreLedger.Unrestorable(page.id(), emails.size() + " email(s)",
                    "the API cannot create emails; --emails-as-notes brings them back as notes"));
        }
        return parts;
    }

    /**
     * The creates and tag requests still to send, by kind, given what the id map already knows.
     * Reorders depend on the target's order after the creates and are counted when sent.
     */
    public RestoreTally requests(RestoreLedger ledger, long targetAccountId, boolean emailsAsNotes) {
        RestoreTally tally = new RestoreTally();
        tally.add(RestoreTally.Request.READS, reads);
        for (StoredPage stored : pages.values()) {
            Page page = stored.page();
            count(tally, ledger, targetAccountId, RestoreKind.PAGE, page.id());
            page.belongings().forEach(belonging -> {
                switch (belonging.widgetType()) {
                    case WidgetType.NOTE -> count(tally, ledger, targetAccountId, RestoreKind.NOTE, belonging.widgetId());
                    case WidgetType.LIST -> count(tally, ledger, targetAccountId, RestoreKind.LIST, belonging.widgetId());
                    case WidgetType.SEPARATOR -> count(tally, ledger, targetAccountId, RestoreKind.SEPARATOR, belonging.widgetId());
                    default -> { }
                }
            });
            page.lists().forEach(list -> list.items().forEach(item -> count(tally, ledger, targetAccountId, RestoreKind.ITEM, item.id())));
            if (emailsAsNotes) {
                stored.emails().forEach(email -> count(tally, ledger, targetAccountId, RestoreKind.EMAIL_NOTE, email.id()));
            }
            boolean pageExists = present.containsKey(new SourceRecord(RestoreKind.PAGE, page.id()));
            if (pageExists) {
                // a page still there is read before its widgets and again to check its order and tags
                tally.add(RestoreTally.Request.READS, 2);
            }
            if (!page.tags().isEmpty() && !pageExists) {
                count(tally, ledger, targetAccountId, RestoreKind.TAGS, page.id());
            }
        }
        account.records().forEach(record -> count(tally, ledger, targetAccountId, record.kind(), record.id()));
        return tally;
    }

    private void count(RestoreTally tally, RestoreLedger ledger, long targetAccountId, RestoreKind kind, long sourceId) {
        if (sameAccount && kind != RestoreKind.TAGS && kind != RestoreKind.EMAIL_NOTE) {
            if (!present.containsKey(new SourceRecord(kind, sourceId))) {
                tally.sent(RestoreTally.Request.of(kind));
            }
            return;
        }
        RestoreLedger.Mapping mapping = ledger.mapping(targetAccountId, kind, sourceId);
        if (mapping == null || mapping.inFlight()) {
            tally.sent(RestoreTally.Request.of(kind));
        }
    }
}
