package org.backpackbatch.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.cli.BackpackBatch;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotComparison;
import org.backpackbatch.store.StoreFile;
import org.backpackbatch.store.StoreProblem;
import org.backpackbatch.store.StoreSession;

/**
 * The embedded default: the whole product on the emulator, in the order a user meets it. Every
 * step runs the real command, as from the shell; the tokens live in a private folder that is
 * deleted at the end, and are never printed.
 */
public final class Demo {

    private static final int STEPS = 9;
    /** Where the demo's emulator serves its accounts: a store holding only these is an earlier demo's. */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private final Path dir;
    private final PrintWriter out;
    private final PrintWriter err;
    private int step;

    public Demo(Path dir, PrintWriter out, PrintWriter err) {
        this.dir = dir;
        this.out = out;
        this.err = err;
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
                    + " reading list) and an empty target account " + target.baseUrl());

            announce("backing up the source into " + store);
            check(command("backup", "--account", source.baseUrl(), "--token-file", sourceToken.toString(), "--db", store.toString(),
                    "--progress", "plain"));

            announce("changing the source through the API: a new note, an item ticked off, a list deleted, a page renamed and retagged");
            changeSource(source);

            announce("backing up the source again: only what changed is stored");
            check(command("backup", "--account", source.baseUrl(), "--token-file", sourceToken.toString(), "--db", store.toString(),
                    "--progress", "plain"));

            announce("what changed between the two snapshots");
            check(command("diff", "--db", store.toString()));

            announce("restoring the latest snapshot into the empty target account");
            check(command("restore", "--account", target.baseUrl(), "--target-token-file", targetToken.toString(), "--db",
                    store.toString(), "--include-friends"));

            announce("backing up the target and comparing it with the source");
            check(command("backup", "--account", target.baseUrl(), "--token-file", targetToken.toString(), "--db", store.toString(),
                    "--progress", "plain"));
            boolean equal = compare(store, source.baseUrl(), target.baseUrl());

            announce("exporting the source's latest snapshot as an XML archive and as an SQLite file");
            check(command("export", "--db", store.toString(), "--format", "xml", "--out", xml.toString(), "--snapshot",
                    Long.toString(latest(store, source.baseUrl()))));
            check(command("export", "--db", store.toString(), "--format", "sqlite", "--out", sqlite.toString(), "--snapshot",
                    Long.toString(latest(store, source.baseUrl()))));

            announce("where everything is");
            out.println("  snapshot store: " + store.toAbsolutePath() + " (try: java -jar target/backpack-batch.jar snapshots --db " + store + ")");
            out.println("  XML archive:    " + xml.toAbsolutePath());
            out.println("  SQLite export:  " + sqlite.toAbsolutePath() + " (try: sqlite3 " + sqlite + " 'SELECT title FROM pages')");
            out.println("  the emulator has stopped; the demo's tokens were in a private folder, now deleted");
            out.println(equal ? "demo complete: the restored copy equals the source" : "demo complete, but the restored copy differs from the source");
            out.flush();
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
            out.printf("  note added to '%s', '%s' ticked off, a list deleted from '%s', '%s' renamed and retagged%n",
                    first.title(), open.content(), another.title(), last.title());
        }
    }

    private boolean compare(Path store, String sourceUrl, String targetUrl) {
        try (StoreSession session = StoreSession.open(store, false, false)) {
            long sourceSnapshot = session.snapshots().latestComplete(sourceUrl).map(Snapshot::id).orElseThrow();
            long targetSnapshot = session.snapshots().latestComplete(targetUrl).map(Snapshot::id).orElseThrow();
            SnapshotComparison.Result result = SnapshotComparison.compare(session.snapshots(), sourceSnapshot, targetSnapshot);
            if (result.equal()) {
                out.printf("  EQUAL: snapshot %d of the target has the same %d pages as snapshot %d of the source, ignoring ids and"
                        + " timestamps (titles, notes, lists, items, completed flags, order, separators, tags).%n",
                        targetSnapshot, result.pagesCompared(), sourceSnapshot);
                out.println("  Not compared: galleries, attachments and emails, which the API cannot recreate (the restore reported them).");
            } else {
                out.printf("  NOT EQUAL: snapshot %d of the target differs from snapshot %d of the source:%n", targetSnapshot, sourceSnapshot);
                result.differences().forEach(difference -> out.println("    " + difference));
            }
            return result.equal();
        }
    }

    private static long latest(Path store, String accountUrl) {
        try (StoreSession session = StoreSession.open(store, false, false)) {
            return session.snapshots().latestComplete(accountUrl).map(Snapshot::id).orElseThrow();
        }
    }

    private void announce(String what) {
        out.printf("%n[%d/%d] %s%n", ++step, STEPS, what);
        out.flush();
    }

    private IntSupplier command(String... args) {
        return () -> BackpackBatch.execute(out, err, args);
    }

    private void check(IntSupplier command) {
        int exitCode = command.getAsInt();
        out.flush();
        if (exitCode != 0) {
            throw new DemoFailedException("step " + step + " failed with exit code " + exitCode);
        }
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

    /** A step of the demo failed; its own error line was printed before. */
    public static final class DemoFailedException extends RuntimeException {
        DemoFailedException(String message) {
            super(message);
        }
    }
}
