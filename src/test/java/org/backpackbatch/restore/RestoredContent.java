package org.backpackbatch.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.WidgetType;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatedAccount;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.TestStore;
import org.backpackbatch.store.RunState;

/**
 * Pages as a restore must bring them back, ignoring ids and timestamps: title, scope, the
 * restorable widgets in belongings order (notes with title and body, lists with their items'
 * content and completeness in order, separators by name), and tag names in order. Galleries and
 * attachments have no create endpoint, so a restored page has none.
 */
final class RestoredContent {

    private static final Pattern REQUESTS_SENT = Pattern.compile("(?m)^\\s+requests (?:sent|planned)\\s+(\\d+)$");

    /** One page without its ids. */
    record PageContent(String title, Scope scope, List<String> widgets, List<String> tags) {
    }

    /** A record count of an account: pages, notes, lists, items, separators, tags set on pages. */
    record Counts(long pages, long notes, long lists, long items, long separators, long pageTags) {
    }

    private RestoredContent() {
    }

    /** What a restore of the source pages must give: every page personal, emails as notes at its end when asked. */
    static List<PageContent> expected(Iterable<StoredPage> source, boolean emailsAsNotes) {
        List<PageContent> pages = new ArrayList<>();
        for (StoredPage stored : source) {
            List<String> widgets = widgets(stored.page(), false);
            if (emailsAsNotes) {
                for (Email email : stored.emails()) {
                    widgets.add(note("Email: " + email.title(), "(received " + email.createdAt() + ")\n" + email.body()));
                }
            }
            pages.add(new PageContent(stored.page().title(), Scope.PERSONAL, widgets, tags(stored.page())));
        }
        return pages;
    }

    /** What a snapshot of the target holds, in the same terms; fails on a gallery or an attachment, which cannot have been restored. */
    static List<PageContent> actual(Iterable<StoredPage> target) {
        List<PageContent> pages = new ArrayList<>();
        for (StoredPage stored : target) {
            Page page = stored.page();
            assertThat(page.galleries()).as("galleries on restored page %s", page.id()).isEmpty();
            assertThat(page.attachments()).as("attachments on restored page %s", page.id()).isEmpty();
            pages.add(new PageContent(page.title(), page.scope(), widgets(page, false), tags(page)));
        }
        return pages;
    }

    /** Pages as they are, ignoring ids: scope as stored, galleries and attachments by name in their places. */
    static List<PageContent> asIs(Iterable<StoredPage> pages) {
        List<PageContent> contents = new ArrayList<>();
        pages.forEach(stored -> contents.add(new PageContent(stored.page().title(), stored.page().scope(), widgets(stored.page(), true),
                tags(stored.page()))));
        return contents;
    }

    private static List<String> widgets(Page page, boolean files) {
        List<String> widgets = new ArrayList<>();
        for (Belonging belonging : page.belongings().stream().sorted(Comparator.comparingInt(Belonging::position)).toList()) {
            switch (belonging.widgetType()) {
                case WidgetType.NOTE -> page.notes().stream().filter(n -> n.id() == belonging.widgetId()).findFirst()
                        .ifPresent(n -> widgets.add(note(n.title(), n.body())));
                case WidgetType.LIST -> page.lists().stream().filter(l -> l.id() == belonging.widgetId()).findFirst()
                        .ifPresent(l -> widgets.add(list(l)));
                case WidgetType.SEPARATOR -> page.separators().stream().filter(s -> s.id() == belonging.widgetId()).findFirst()
                        .ifPresent(s -> widgets.add("separator[" + s.name() + "]"));
                case WidgetType.GALLERY -> page.galleries().stream().filter(g -> files && g.id() == belonging.widgetId()).findFirst()
                        .ifPresent(g -> widgets.add("gallery[" + g.name() + "]"));
                case WidgetType.ASSET -> page.attachments().stream().filter(a -> files && a.id() == belonging.widgetId()).findFirst()
                        .ifPresent(a -> widgets.add("attachment[" + a.fileName() + "]"));
                default -> { }
            }
        }
        return widgets;
    }

    private static String note(String title, String body) {
        return "note[" + title + "|" + body + "]";
    }

    private static String list(ItemList list) {
        StringBuilder text = new StringBuilder("list[" + list.name() + ":");
        list.items().forEach(item -> text.append(" (").append(item.content()).append(item.completed() ? ", done)" : ")"));
        return text.append("]").toString();
    }

    private static List<String> tags(Page page) {
        return page.tags().stream().map(Tag::name).toList();
    }

    /** The pages of a snapshot in the store, by source id. */
    static Map<Long, StoredPage> snapshot(Path store, long snapshotId) {
        return snapshot(TestStore.file(store), snapshotId);
    }

    static Map<Long, StoredPage> snapshot(TestStore store, long snapshotId) {
        Map<Long, StoredPage> pages = new TreeMap<>();
        try (Store session = store.open(Store.Access.READ)) {
            session.snapshots().pages(snapshotId, stored -> pages.put(stored.page().id(), stored));
        }
        return pages;
    }

    /**
     * The target, restored from the source account into an account of nobody but its token's user,
     * holds each record the API can write exactly once: the source token's own journal entries in
     * their order and its status, and every upcoming reminder, reminding the target's token's user.
     */
    static void assertAccountRestoredOnce(StoredAccount source, EmulatedAccount target) {
        long me = source.users().meId();
        assertThat(target.journal().all()).as("the token's own journal, as the target token's")
                .extracting(JournalEntry::body).containsExactlyElementsOf(source.journal().stream()
                        .filter(entry -> entry.userId() == me).map(JournalEntry::body).toList());
        assertThat(target.statuses()).extracting(Status::message).containsExactly(source.statuses().stream()
                .filter(status -> status.userId() == me).findFirst().orElseThrow().message());
        assertThat(target.reminders().upcoming()).as("every upcoming reminder, reminding the restoring user")
                .allSatisfy(reminder -> assertThat(reminder.remindees()).containsExactly(target.owner()))
                .extracting(Reminder::content, Reminder::remindAt).containsExactlyElementsOf(source.reminders().stream()
                        .map(reminder -> tuple(reminder.content(), reminder.remindAt())).toList());
    }

    /** The whole account beyond its pages as a snapshot in the store holds it. */
    static StoredAccount account(Path store, long snapshotId) {
        return account(TestStore.file(store), snapshotId);
    }

    static StoredAccount account(TestStore store, long snapshotId) {
        try (Store session = store.open(Store.Access.READ)) {
            return session.snapshots().account(snapshotId);
        }
    }

    /** Where the store's latest restore run is: complete, or its restore job's last execution's state. */
    static RunState lastRunState(Path store) {
        try (Store session = Store.open(store, Store.Access.READ)) {
            long run = session.jdbc().queryForObject("SELECT max(id) FROM restore_runs", Long.class);
            return new RestoreLedger(session).state(run);
        }
    }

    /** The id of the latest complete snapshot of an account in the store. */
    static long latestSnapshot(Path store, String accountUrl) {
        return latestSnapshot(TestStore.file(store), accountUrl);
    }

    static long latestSnapshot(TestStore store, String accountUrl) {
        try (Store session = store.open(Store.Access.READ)) {
            return session.snapshots().latestComplete(accountUrl).map(Snapshot::id).orElseThrow();
        }
    }

    /** Backs the account up into the store through the CLI and returns the snapshot's id. */
    static long backUp(BackpackEmulator.HostedAccount account, Path store, Path tokenFile, String include) {
        return backUp(account, TestStore.file(store), tokenFile, include);
    }

    static long backUp(BackpackEmulator.HostedAccount account, TestStore store, Path tokenFile, String include) {
        BackupCli.Run run = BackupCli.inProcess("backup", "--account", account.baseUrl(), "--db", store.db(),
                "--token-file", tokenFile.toString(), "--workers", "8", "--rate", "off", "--include", include, "--progress", "none");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return latestSnapshot(store, account.baseUrl());
    }

    /** The restore command's arguments; {@code extra} adds options such as --include-friends. */
    static String[] restore(Path store, BackpackEmulator.HostedAccount target, Path targetTokenFile, long snapshotId, String... extra) {
        return restore(TestStore.file(store), target, targetTokenFile, snapshotId, extra);
    }

    static String[] restore(TestStore store, BackpackEmulator.HostedAccount target, Path targetTokenFile, long snapshotId, String... extra) {
        List<String> args = new ArrayList<>(List.of("restore", "--db", store.db(), "--account", target.baseUrl(),
                "--target-token-file", targetTokenFile.toString(), "--snapshot", Long.toString(snapshotId), "--rate", "off"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** The "requests sent" (or, for a dry run, "requests planned") figure of a restore's report. */
    static long requests(BackupCli.Run run) {
        Matcher matcher = REQUESTS_SENT.matcher(run.out());
        assertThat(matcher.find()).as("a requests line in: %s", run.out()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** One figure of a restore's report by its label, e.g. "notes/create". */
    static long figure(BackupCli.Run run, String label) {
        Matcher matcher = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + "\\s+(\\d+)$").matcher(run.out());
        assertThat(matcher.find()).as("a '%s' line in: %s", label, run.out()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** Everything the account holds, ids included, read from the emulator's own state. */
    static List<Page> state(EmulatedAccount account) {
        return account.allPages().stream().map(summary -> account.page(summary.id()).withScope(summary.scope())).toList();
    }

    static Counts counts(EmulatedAccount account) {
        long notes = 0;
        long lists = 0;
        long items = 0;
        long separators = 0;
        long tags = 0;
        List<Page> pages = state(account);
        for (Page page : pages) {
            notes += page.notes().size();
            lists += page.lists().size();
            items += page.lists().stream().mapToLong(list -> list.items().size()).sum();
            separators += page.separators().size();
            tags += page.tags().size();
        }
        return new Counts(pages.size(), notes, lists, items, separators, tags);
    }

    /** The counts a restore of these source pages gives in an empty target. */
    static Counts counts(Iterable<StoredPage> source, boolean emailsAsNotes) {
        long pages = 0;
        long notes = 0;
        long lists = 0;
        long items = 0;
        long separators = 0;
        long tags = 0;
        for (StoredPage stored : source) {
            Page page = stored.page();
            pages++;
            notes += page.notes().size() + (emailsAsNotes ? stored.emails().size() : 0);
            lists += page.lists().size();
            items += page.lists().stream().mapToLong(list -> list.items().size()).sum();
            separators += page.separators().size();
            tags += page.tags().size();
        }
        return new Counts(pages, notes, lists, items, separators, tags);
    }

    /** One answer of a query on the store through a plain connection of its own, outside any session. */
    static String query(Path store, String sql) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(org.backpackbatch.store.StoreFile.jdbcUrl(store));
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void execute(Path store, String sql) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(org.backpackbatch.store.StoreFile.jdbcUrl(store));
             java.sql.Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
