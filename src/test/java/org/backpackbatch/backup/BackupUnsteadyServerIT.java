package org.backpackbatch.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.backpackbatch.api.ScriptedServer;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.Resource;
import org.backpackbatch.store.RunState;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups through a scripted server in front of the emulator, which answers what the emulator would
 * except where a test says otherwise: pages/all that lists a page twice, a page that lists a note
 * twice, a page destroyed right after pages/all answered, a page that keeps failing, one of the
 * account's resources (with the token in its path) that keeps failing.
 */
class BackupUnsteadyServerIT {

    /** Fewer than one chunk of the fetch step, so every page is a neighbour of a failing one. */
    private static final int PAGES = 8;
    private static final Pattern PAGE_PATH = Pattern.compile(".*/ws/page/(\\d+)");
    private static final Pattern FIRST_PAGE_OF_THE_LIST = Pattern.compile("(<page [^>]*/>)");
    private static final Pattern FIRST_NOTE = Pattern.compile("(<note [^>]*>.*?</note>)", Pattern.DOTALL);
    private static final String SERVER_ERROR = "<response success='false'><error code='500'>Internal error</error></response>";

    @TempDir
    Path dir;

    private BackpackEmulator emulator;
    private BackpackEmulator.HostedAccount account;
    private Path tokenFile;
    private Path store;
    /** The path of every request the scripted server received, in order. */
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("acme", Integer.toString(PAGES)))).withRateLimit(null));
        account = emulator.account("acme");
        tokenFile = Files.writeString(dir.resolve("token"), account.token() + "\n");
        store = dir.resolve("store.db");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aPageThatPagesAllListsTwiceIsFetchedAndStoredOnce() throws Exception {
        try (ScriptedServer server = inFrontOfTheEmulator(list -> FIRST_PAGE_OF_THE_LIST.matcher(list).replaceFirst("$1$1"),
                UnaryOperator.identity(), path -> false)) {
            BackupCli.Run run = BackupCli.inProcess(backup(server));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("snapshot 1 of " + server.accountUrl() + " complete", "  " + PAGES + " pages,")
                    .doesNotContain("vanished");
            assertThat(requests.stream().filter(path -> PAGE_PATH.matcher(path).matches())).hasSize(PAGES).doesNotHaveDuplicates();
            assertThat(storedPages()).isEqualTo(AccountContents.of(account.data(), Include.CORE));
        }
    }

    @Test
    void aFailingPageLosesNoOtherPageAndTheRerunFetchesOnlyItAndCountsThePageThatVanished() throws Exception {
        List<PageSummary> listed = account.data().allPages();
        long vanishing = listed.get(2).id();
        long failing = listed.get(5).id();
        AtomicBoolean destroyed = new AtomicBoolean();
        AtomicBoolean broken = new AtomicBoolean(true);
        UnaryOperator<String> destroyAfterListing = list -> {
            if (!destroyed.getAndSet(true)) {
                account.data().destroyPage(vanishing);
            }
            return list;
        };
        try (ScriptedServer server = inFrontOfTheEmulator(destroyAfterListing, UnaryOperator.identity(),
                path -> broken.get() && path.endsWith("/ws/page/" + failing))) {
            BackupCli.Run first = BackupCli.inProcess(backup(server));

            assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
            assertThat(first.errorLines()).singleElement().asString().contains("/ws/page/" + failing, "error 500");
            assertThat(SnapshotContents.query(store, "SELECT group_concat(page_id) FROM snapshot_worklist WHERE done = 0"))
                    .as("the only page not stored").isEqualTo(Long.toString(failing));
            assertThat(SnapshotContents.query(store, "SELECT count(*) FROM snapshot_worklist WHERE done = 1"))
                    .as("every other page listed, the vanished one included").isEqualTo(Integer.toString(PAGES - 1));
            assertThat(SnapshotContents.state(store, 1)).isEqualTo(RunState.FAILED);
            assertThat(SnapshotContents.query(store, "SELECT vanished FROM snapshots")).isEqualTo("1");

            broken.set(false);
            requests.clear();
            BackupCli.Run rerun = BackupCli.inProcess(backup(server));

            assertThat(rerun.exitCode()).as(rerun.err()).isZero();
            assertThat(rerun.out()).contains("snapshot 1 of " + server.accountUrl() + " complete (resumed)",
                    "  " + (PAGES - 1) + " pages,", "  1 page vanished during the backup\n");
            assertThat(requests).as("pages/all was listed by the first run; only the failed page is left")
                    .containsExactly("/acme/ws/page/" + failing);
            assertThat(rerun.requests()).isEqualTo(1);
            assertThat(storedPages()).isEqualTo(AccountContents.of(account.data(), Include.CORE));
            assertThat(BackupCli.inProcess("snapshots", "--db", store.toString(), "--json").out()).contains("\"vanished\":1");
        }
    }

    @Test
    void aNoteThatAPageListsTwiceIsStoredOnce() throws Exception {
        try (ScriptedServer server = inFrontOfTheEmulator(UnaryOperator.identity(),
                page -> FIRST_NOTE.matcher(page).replaceFirst("$1$1"), path -> false)) {
            BackupCli.Run run = BackupCli.inProcess(backup(server));

            assertThat(run.exitCode()).as(run.err()).isZero();
            long notes = listedNotes();
            assertThat(notes).isPositive();
            assertThat(run.out()).contains(", " + notes + " notes,");
            assertThat(storedPages()).isEqualTo(AccountContents.of(account.data(), Include.CORE));
        }
    }

    @Test
    void aFailingResourceOfTheAccountCostsOnlyItselfNamesItsPathWithTheTokenMaskedAndTheRerunFetchesOnlyIt() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        String reminders = "/acme/" + account.token() + "/reminders.xml";
        try (ScriptedServer server = inFrontOfTheEmulator(UnaryOperator.identity(), UnaryOperator.identity(),
                path -> broken.get() && path.equals(reminders))) {
            BackupCli.Run first = BackupCli.inProcess(backupAll(server)).assertNoToken(account.token());

            assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
            assertThat(first.errorLines()).singleElement().asString().contains(server.accountUrl() + "/[token]/reminders.xml", "error 500");
            assertThat(SnapshotContents.query(store, "SELECT group_concat(page_id) FROM snapshot_worklist WHERE done = 0"))
                    .as("the only unit not stored").isEqualTo(Long.toString(Resource.REMINDERS.scope()));

            broken.set(false);
            requests.clear();
            BackupCli.Run rerun = BackupCli.inProcess(backupAll(server));

            assertThat(rerun.exitCode()).as(rerun.err()).isZero();
            assertThat(requests).as("only the reminders are left").containsExactly(reminders);
            try (Store session = Store.open(store, Store.Access.READ)) {
                assertThat(session.snapshots().account(1)).isEqualTo(AccountContents.account(account.data()));
            }
        }
    }

    /** Forwards every request to the emulator, except those {@code failing} (error 500), and rewrites the answers of pages/all and pages. */
    private ScriptedServer inFrontOfTheEmulator(UnaryOperator<String> pageList, UnaryOperator<String> page, Predicate<String> failing)
            throws Exception {
        String origin = "http://127.0.0.1:" + emulator.port();
        return ScriptedServer.start("127.0.0.1", (exchange, number) -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            boolean isPage = PAGE_PATH.matcher(path).matches();
            if (failing.test(path)) {
                ScriptedServer.reply(exchange, 500, SERVER_ERROR, "Content-Type", "application/xml");
                return;
            }
            ScriptedServer.Forwarded answer = ScriptedServer.forward(exchange, origin);
            String body = path.endsWith("/ws/pages/all") ? pageList.apply(answer.body()) : isPage ? page.apply(answer.body()) : answer.body();
            ScriptedServer.reply(exchange, answer.status(), body, "Content-Type", "application/xml");
        });
    }

    private long listedNotes() {
        return account.data().allPages().stream().mapToLong(page -> account.data().page(page.id()).notes().size()).sum();
    }

    /** The pages of the store's one snapshot. */
    private Map<Long, StoredPage> storedPages() {
        try (Store session = Store.open(store, Store.Access.READ)) {
            Snapshot snapshot = session.snapshots().snapshots(null).get(0);
            assertThat(snapshot.complete()).isTrue();
            return SnapshotContents.pages(session.snapshots(), snapshot.id());
        }
    }

    private String[] backup(ScriptedServer server) {
        return new String[] {"backup", "--account", server.accountUrl(), "--db", store.toString(), "--token-file", tokenFile.toString(),
                "--workers", "2", "--rate", "off", "--include", "core", "--progress", "none"};
    }

    /** The whole account: its pages and its six resources, all in one chunk of the fetch step. */
    private String[] backupAll(ScriptedServer server) {
        return new String[] {"backup", "--account", server.accountUrl(), "--db", store.toString(), "--token-file", tokenFile.toString(),
                "--workers", "4", "--rate", "off", "--include", "all", "--progress", "none"};
    }
}
