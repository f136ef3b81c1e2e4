package org.backpackbatch.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.CurrentUser;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.app.AccountAccess;
import org.backpackbatch.app.Application;
import org.backpackbatch.app.BackupRequest;
import org.backpackbatch.app.DiffRequest;
import org.backpackbatch.app.ExportRequest;
import org.backpackbatch.app.RestoreRequest;
import org.backpackbatch.app.TokenSource;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.output.BackupOutput;
import org.backpackbatch.output.ConsoleReporter;
import org.backpackbatch.output.DiffOutput;
import org.backpackbatch.output.ExportOutput;
import org.backpackbatch.output.RestoreOutput;
import org.backpackbatch.progress.Reporter;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotComparison;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.StoreFile;
import org.backpackbatch.store.StoreLocation;
import org.backpackbatch.store.StoreProblem;

/**
 * The embedded default: the whole product on the emulator, in the order a user meets it. Every
 * step runs the real operation and shows its result as the command line does; the tokens live in
 * a private folder that is deleted at the end, and are never printed.
 */
public final class Demo {

    private static final int STEPS = 9;
    /** Where the demo's emulator serves its accounts: a store holding only these is an earlier demo's. */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private final Application application;
    private final Path dir;
    private final PrintWriter out;
    private final Reporter progress;
    private int step;

    /** Progress lines and warnings go to {@code err}, the story to {@code out}. */
    public Demo(Application application, Path dir, PrintWriter out, PrintWriter err) {
        this.application = application;
        this.dir = dir;
        this.out = out;
        this.progress = new ConsoleReporter(err, ConsoleReporter.Mode.LINES);
    }

    /** Runs the demo; 0 when every step worked and the restored copy equals the source. */
    public int run() throws IOException {
        Files.createDirectories(dir);
        Path store = dir.resolve("store.db");
        Path xml = dir.resolve("source.xml.gz");
        Path sqlite = dir.resolve("source.sqlite");
        refuseAStoreNotItsOwn(store);
        for (Path old : List.of(store, dir.resolve("store.db-wal"), dir.resolve("store.db-shm"), dir.resolve("store.db.lock"), xml, sqlite)) {
            Files.deleteIfExists(old);
        }
        Path secrets = Files.createTempDirectory("backpack-demo-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("source", "demo"), new AccountSpec("target", "empty"))))) {
            BackpackEmulator.HostedAccount source = emulator.account("source");
            BackpackEmulator.HostedAccount target = emulator.account("target");
            Path sourceToken = writeToken(secrets, "source", source.token());
            Path targetToken = writeToken(secrets, "target", target.token());
            announce("the emulator runs: the source account " + source.baseUrl() + " (a person's trip plans, recipes and"
                    + " reading list, reminders, journal, calendars and bookmarks) and an empty target account " + target.baseUrl());

            StoreLocation location = StoreLocation.file(store);
            AccountAccess sourceAccess = access(source, sourceToken);
            AccountAccess targetAccess = access(target, targetToken);

            announce("backing up the source into " + store);
            BackupOutput.text(out, application.backup(new BackupRequest(location, sourceAccess, Include.ALL), progress));

            announce("changing the source through the API: a new note, an item ticked off, a list deleted, a page renamed and retagged;"
                    + " a journal entry, a new status, a reminder and an event added, an event deleted");
            changeSource(source);

            announce("backing up the source again: only what changed is stored");
            BackupOutput.text(out, application.backup(new BackupRequest(location, sourceAccess, Include.ALL), progress));

            announce("what changed between the two snapshots");
            DiffOutput.text(out, application.diff(new DiffRequest(location, null, null)));

            announce("restoring the latest snapshot into the empty target account");
            RestoreOutput.text(out, application.restore(new RestoreRequest(location, targetAccess, null, List.of(), true, false, false),
                    progress));

            announce("backing up the target and comparing it with the source");
            BackupOutput.text(out, application.backup(new BackupRequest(location, targetAccess, Include.ALL), progress));
            long sourceSnapshot = latest(location, source.baseUrl());
            boolean equal = compare(location, sourceSnapshot, latest(location, target.baseUrl()));

            announce("exporting the source's latest snapshot as an XML archive and as an SQLite file");
            ExportOutput.text(out, application.export(new ExportRequest(location, sourceSnapshot, ExportRequest.Format.XML, xml, false)));
            ExportOutput.text(out, application.export(new ExportRequest(location, sourceSnapshot, ExportRequest.Format.SQLITE, sqlite,
                    false)));

            announce("where everything is");
            out.println("  snapshot store: " + store.toAbsolutePath() + " (try: java -jar target/backpack-batch.jar snapshots --db " + store + ")");
            out.println("  XML archive:    " + xml.toAbsolutePath());
            out.println("  SQLite export:  " + sqlite.toAbsolutePath() + " (try: sqlite3 " + sqlite + " 'SELECT title FROM pages')");
            out.println("  the emulator has stopped; the demo's tokens were in a private folder, now deleted");
            out.println(equal ? "demo complete: the restored copy equals the source" : "demo complete, but the restored copy differs from the source");
            return equal ? 0 : 1;
        } finally {
            deleteTree(secrets);
        }
    }

    /** The demo starts again over its own earlier store, never over one of real accounts that happens to be in its folder. */
    private static void refuseAStoreNotItsOwn(Path store) {
        if (!Files.exists(store, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        StoreFile.check(store, false, true);
        StoreFile.accountUrls(store).stream().filter(url -> !LOOPBACK.contains(URI.create(url).getHost())).findFirst().ifPresent(url -> {
            throw new StoreProblem(store + " holds the account " + url + ", so it is not an earlier demo's store; give --dir a folder of its own");
        });
    }

    private void changeSource(BackpackEmulator.HostedAccount source) {
        try (BackpackClient client = new BackpackClient(AccountUrl.parse(source.baseUrl()), ApiToken.of(source.token()),
                ClientSettings.defaults())) {
            List<PageSummary> pages = client.pages();
            PageSummary first = pages.get(0);
            client.createNote(first.id(), "Restaurants", "Cervejaria Ramiro: seafood, book ahead.\nTasca do Chico: fado on Mondays.");
            Page withList = pages.stream().map(page -> client.page(page.id())).filter(page -> page.lists().size() > 0)
                    .filter(page -> page.lists().get(0).items().stream().anyMatch(item -> !item.completed())).findFirst().orElseThrow();
            Item open = withList.lists().get(0).items().stream().filter(item -> !item.completed()).findFirst().orElseThrow();
            client.toggleItem(withList.id(), withList.lists().get(0).id(), open.id());
            Page another = pages.stream().skip(1).map(page -> client.page(page.id())).filter(page -> !page.lists().isEmpty())
                    .filter(page -> page.id() != withList.id()).findFirst().orElseThrow();
            client.destroyList(another.id(), another.lists().get(another.lists().size() - 1).id());
            PageSummary last = pages.get(pages.size() - 1);
            client.renamePage(last.id(), last.title() + " (2008)");
            client.tagPage(last.id(), List.of("Someday", "Big Plans"));
            out.printf(Locale.ROOT, "  note added to '%s', '%s' ticked off, a list deleted from '%s', '%s' renamed and retagged%n",
                    first.title(), open.content(), another.title(), last.title());
            CurrentUser me = client.me();
            client.createJournalEntry(me.id(), "Tiles chosen at last: the blue ones.");
            client.updateStatus(me.id(), "Packing for Lisbon");
            client.createReminder(Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES).toString(), "Check in online",
                    List.of(me.id()));
            Calendar calendar = client.calendars().get(0);
            client.createCalendarEvent(calendar.id(), "5/14 7pm Dinner at Cervejaria Ramiro", true);
            CalendarEvent gone = client.calendarEvents(calendar.id()).get(0);
            client.destroyCalendarEvent(gone.id());
            out.printf(Locale.ROOT, "  %s wrote in the journal, set a status and a reminder; an event added to '%s' and '%s' deleted%n",
                    me.name(), calendar.name(), gone.title());
        }
    }

    private boolean compare(StoreLocation location, long sourceSnapshot, long targetSnapshot) {
        try (Store store = Store.open(location, Store.Access.READ)) {
            SnapshotComparison.Result result = SnapshotComparison.compare(store.snapshots(), sourceSnapshot, targetSnapshot);
            if (result.equal()) {
                out.printf(Locale.ROOT, "  EQUAL: snapshot %d of the target has the same %d pages as snapshot %d of the source, ignoring ids and"
                        + " timestamps (titles, notes, lists, items, completed flags, order, separators, tags), and the same upcoming"
                        + " reminders, own journal and status, and events of the calendars both have.%n",
                        targetSnapshot, result.pagesCompared(), sourceSnapshot);
                out.println("  Not compared: galleries, attachments, emails, users, bookmarks, other users' journals and statuses, and"
                        + " calendars the target lacks, which the API cannot recreate (the restore reported them).");
            } else {
                out.printf(Locale.ROOT, "  NOT EQUAL: snapshot %d of the target differs from snapshot %d of the source:%n", targetSnapshot, sourceSnapshot);
                result.differences().forEach(difference -> out.println("    " + difference));
            }
            return result.equal();
        }
    }

    private static long latest(StoreLocation location, String accountUrl) {
        try (Store store = Store.open(location, Store.Access.READ)) {
            return store.snapshots().latestComplete(accountUrl).map(Snapshot::id).orElseThrow();
        }
    }

    private static AccountAccess access(BackpackEmulator.HostedAccount account, Path tokenFile) {
        return new AccountAccess(AccountUrl.parse(account.baseUrl()), new TokenSource(tokenFile, null),
                8, RateLimit.DEFAULT, Duration.ofSeconds(ClientSettings.DEFAULT_REQUEST_TIMEOUT_SECONDS));
    }

    private void announce(String what) {
        out.printf(Locale.ROOT, "%n[%d/%d] %s%n", ++step, STEPS, what);
        out.flush();
    }

    private static Path writeToken(Path secrets, String name, String token) throws IOException {
        Path file = secrets.resolve(name + ".token");
        Files.writeString(file, token + "\n");
        return file;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
