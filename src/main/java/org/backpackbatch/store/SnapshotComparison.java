package org.backpackbatch.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.WidgetType;
import org.backpackbatch.store.PageRecords.StoredPage;

/**
 * Compares two snapshots by what a restore can carry over, ignoring ids and timestamps: each
 * page's title, its notes, lists (with items and completed flags) and separators in page order,
 * and its tags. Galleries, attachments, emails and scope are left out: the API cannot recreate them.
 */
public final class SnapshotComparison {

    /** The outcome: equal or not, and the first differences found. */
    public record Result(boolean equal, long pagesCompared, List<String> differences) {
    }

    private SnapshotComparison() {
    }

    public static Result compare(SnapshotStore store, long left, long right) {
        Map<String, Integer> leftPages = canonicalPages(store, left);
        Map<String, Integer> rightPages = canonicalPages(store, right);
        List<String> differences = new ArrayList<>();
        Map<String, Integer> all = new HashMap<>(leftPages);
        rightPages.forEach((page, count) -> all.merge(page, 0, Integer::sum));
        all.keySet().stream().sorted().forEach(page -> {
            int inLeft = leftPages.getOrDefault(page, 0);
            int inRight = rightPages.getOrDefault(page, 0);
            if (inLeft != inRight && differences.size() < 10) {
                differences.add("page " + page.lines().findFirst().orElse("") + ": " + inLeft + " in snapshot " + left
                        + ", " + inRight + " in snapshot " + right);
            }
        });
        long pages = leftPages.values().stream().mapToLong(Integer::longValue).sum();
        return new Result(differences.isEmpty() && leftPages.equals(rightPages), pages, differences);
    }

    /** Each page's restorable content as one text, counted (two pages may be alike). */
    private static Map<String, Integer> canonicalPages(SnapshotStore store, long snapshotId) {
        Map<String, Integer> pages = new HashMap<>();
        store.pages(snapshotId, stored -> pages.merge(canonical(stored), 1, Integer::sum));
        return pages;
    }

    private static String canonical(StoredPage stored) {
        Page page = stored.page();
        StringBuilder text = new StringBuilder("'").append(page.title()).append("'\n");
        for (Belonging belonging : page.belongings().stream().sorted(Comparator.comparingInt(Belonging::position)).toList()) {
            switch (belonging.widgetType()) {
                case WidgetType.NOTE -> page.notes().stream().filter(n -> n.id() == belonging.widgetId()).findFirst()
                        .ifPresent(note -> text.append("note ").append(quoted(note)).append('\n'));
                case WidgetType.LIST -> page.lists().stream().filter(l -> l.id() == belonging.widgetId()).findFirst()
                        .ifPresent(list -> text.append(list(list)));
                case WidgetType.SEPARATOR -> page.separators().stream().filter(s -> s.id() == belonging.widgetId()).findFirst()
                        .map(Separator::name).ifPresent(name -> text.append("separator '").append(name).append("'\n"));
                default -> { }
            }
        }
        text.append("tags ").append(page.tags().stream().map(Tag::name).toList());
        return text.toString();
    }

    private static String quoted(Note note) {
        return "'" + note.title() + "' '" + note.body() + "'";
    }

    private static String list(ItemList list) {
        StringBuilder text = new StringBuilder("list '").append(list.name()).append("'\n");
        for (Item item : list.items()) {
            text.append("  ").append(item.completed() ? "[x] " : "[ ] ").append(item.content()).append('\n');
        }
        return text.toString();
    }
}
