package org.backpackbatch.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backpackbatch.api.EventTitles;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.CalendarWithEvents;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.model.WidgetType;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.PageRecords.StoredPage;

/**
 * Compares two snapshots by what a restore can carry over, ignoring ids and timestamps: each
 * page's title, its notes, lists (with items and completed flags) and separators in page order,
 * and its tags; and of the whole account, where both snapshots hold it: the reminders still to
 * come when the right one was taken (time, text, and whom they remind: the left token's user is
 * the right one's, anyone else is matched by name, else the right token's user), the token's own
 * journal entries and status, and the events of each calendar both accounts have by name (to the
 * minute). Galleries, attachments, emails, scope, users, bookmarks, other users' entries and
 * statuses and calendars only the left has are left out: the API cannot recreate them.
 */
public final class SnapshotComparison {

    /** Differences listed at most; the verdict counts them all. */
    private static final int SHOWN = 10;

    /** The outcome: equal or not, and the first differences found. */
    public record Result(boolean equal, long pagesCompared, List<String> differences) {
    }

    private SnapshotComparison() {
    }

    public static Result compare(SnapshotStore store, long left, long right) {
        Map<String, Integer> leftPages = canonicalPages(store, left);
        Map<String, Integer> rightPages = canonicalPages(store, right);
        Comparison comparison = new Comparison(left, right);
        comparison.compare("page", leftPages, rightPages);
        compareAccounts(comparison, store.account(left), store.account(right), store.snapshot(right).startedAt());
        long pages = leftPages.values().stream().mapToLong(Integer::longValue).sum();
        return new Result(comparison.differing == 0, pages, comparison.shown);
    }

    /** Counts the differences of the two snapshots, keeping the first few as lines. */
    private static final class Comparison {
        private final long left;
        private final long right;
        private final List<String> shown = new ArrayList<>();
        private long differing;

        Comparison(long left, long right) {
            this.left = left;
            this.right = right;
        }

        /** Two multisets of canonical texts of one kind: each text held a different number of times is a difference. */
        void compare(String kind, Map<String, Integer> inLeft, Map<String, Integer> inRight) {
            Set<String> all = new TreeSet<>(inLeft.keySet());
            all.addAll(inRight.keySet());
            for (String text : all) {
                int leftCount = inLeft.getOrDefault(text, 0);
                int rightCount = inRight.getOrDefault(text, 0);
                if (leftCount != rightCount) {
                    differing++;
                    if (shown.size() < SHOWN) {
                        shown.add(kind + " " + text.lines().findFirst().orElse("") + ": " + leftCount + " in snapshot " + left + ", "
                                + rightCount + " in snapshot " + right);
                    }
                }
            }
        }
    }

    private static void compareAccounts(Comparison comparison, StoredAccount source, StoredAccount target, String rightTakenAt) {
        Instant after = Instant.parse(rightTakenAt);
        boolean tokensKnown = source.users() != null && source.users().meId() != null && target.users() != null
                && target.users().meId() != null;
        if (source.holds(Resource.REMINDERS) && target.holds(Resource.REMINDERS) && tokensKnown) {
            User targetMe = target.users().me();
            Set<String> targetNames = target.users().users().stream().map(User::name).collect(Collectors.toSet());
            Function<User, String> counterpart = user -> Objects.equals(user.id(), source.users().meId()) || !targetNames.contains(user.name())
                    ? targetMe.name() : user.name();
            comparison.compare("reminder", reminders(source.reminders(), counterpart, after), reminders(target.reminders(), User::name, after));
        }
        if (source.holds(Resource.JOURNAL) && target.holds(Resource.JOURNAL) && tokensKnown) {
            comparison.compare("own journal entry", counted(source.journal().stream().filter(e -> e.userId() == source.users().meId())
                    .map(e -> quoted(e.body())).toList()), counted(target.journal().stream()
                    .filter(e -> e.userId() == target.users().meId()).map(e -> quoted(e.body())).toList()));
        }
        if (source.holds(Resource.STATUSES) && target.holds(Resource.STATUSES) && tokensKnown) {
            comparison.compare("own status", counted(source.statuses().stream().filter(s -> s.userId() == source.users().meId())
                    .map(s -> quoted(s.message())).toList()), counted(target.statuses().stream()
                    .filter(s -> s.userId() == target.users().meId()).map(s -> quoted(s.message())).toList()));
        }
        if (source.holds(Resource.CALENDARS) && target.holds(Resource.CALENDARS)) {
            Map<String, CalendarWithEvents> targetCalendars = new HashMap<>();
            target.calendars().forEach(calendar -> targetCalendars.putIfAbsent(calendar.calendar().name(), calendar));
            for (CalendarWithEvents calendar : source.calendars()) {
                CalendarWithEvents into = targetCalendars.get(calendar.calendar().name());
                if (into != null) {
                    comparison.compare("event of calendar " + quoted(calendar.calendar().name()), events(calendar), events(into));
                }
            }
        }
    }

    private static Map<String, Integer> reminders(List<Reminder> reminders, Function<User, String> nameOf, Instant after) {
        return counted(reminders.stream().filter(reminder -> dueAfter(reminder, after))
                .map(reminder -> quoted(reminder.content()) + " at " + reminder.remindAt() + " for "
                        + reminder.remindees().stream().map(nameOf).collect(Collectors.toCollection(TreeSet::new)))
                .toList());
    }

    private static boolean dueAfter(Reminder reminder, Instant after) {
        try {
            return reminder.remindAt() != null && OffsetDateTime.parse(reminder.remindAt()).toInstant().isAfter(after);
        } catch (DateTimeParseException unreadable) {
            return true;
        }
    }

    private static Map<String, Integer> events(CalendarWithEvents calendar) {
        return counted(calendar.events().stream().map(event -> quoted(event.title()) + " at " + EventTitles.toTheMinute(event.occursAt())
                + (event.remind() ? ", reminding" : "")).toList());
    }

    private static Map<String, Integer> counted(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        texts.forEach(text -> counts.merge(text, 1, Integer::sum));
        return counts;
    }

    /** Each page's restorable content as one text, counted (two pages may be alike). */
    private static Map<String, Integer> canonicalPages(SnapshotStore store, long snapshotId) {
        Map<String, Integer> pages = new HashMap<>();
        store.pages(snapshotId, stored -> pages.merge(canonical(stored), 1, Integer::sum));
        return pages;
    }

    private static String canonical(StoredPage stored) {
        Page page = stored.page();
        StringBuilder text = new StringBuilder(quoted(page.title())).append('\n');
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

    private static String quoted(String text) {
        return "'" + text + "'";
    }

    private static String list(ItemList list) {
        StringBuilder text = new StringBuilder("list '").append(list.name()).append("'\n");
        for (Item item : list.items()) {
            text.append("  ").append(item.completed() ? "[x] " : "[ ] ").append(item.content()).append('\n');
        }
        return text.toString();
    }
}
