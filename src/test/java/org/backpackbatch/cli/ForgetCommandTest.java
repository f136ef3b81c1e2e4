package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.TestStore;
import org.backpackbatch.store.Include;

/**
 * {@code forget --keep-daily 2} on two accounts whose snapshots were taken at set times: it keeps
 * what the policy says, frees exactly the versions only the removed snapshots held, and the
 * snapshots that stay read the same records as before.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
class ForgetCommandTest {

    @TempDir
    static Path dir;

    /** The store's database, for the class's shared store. */
    @Parameter
    Dialect dialect;

    private static BackedUpAccounts accounts;
    private static TestStore store;
    private static TestStore storeBeforeForget;
    /** acme: 1, 2 on Jan 1; 3, 4, 5 on Jan 3; other: 6, 7 on Jan 2; 8 an unfinished backup of acme (begun, never run: failed). */
    private static final List<Snapshot> taken = new ArrayList<>();
    private static long firstNoteVersion;
    private static long addedItemVersion;

    @BeforeParameterizedClassInvocation
    static void backUpAtSetTimes(Dialect dialect) throws Exception {
        store = TestStore.create(dialect, dir, dialect + "-store.db");
        accounts = new BackedUpAccounts(store, new AccountSpec("acme", null), new AccountSpec("other", "empty"));
        BackpackClient client = accounts.client("acme");
        Page page = client.pages().stream().map(summary -> client.page(summary.id()))
                .filter(p -> !p.notes().isEmpty() && !p.lists().isEmpty()).findFirst().orElseThrow();
        Note note = page.notes().get(0);
        ItemList list = page.lists().get(0);

        taken.add(accounts.backup("acme"));
        client.updateNote(page.id(), note.id(), note.title(), "second version");
        taken.add(accounts.backup("acme"));
        // completed, so that it goes to the very end of the list and moves no other item
        Item added = client.createItem(page.id(), list.id(), "Held by snapshot 3 alone", true);
        taken.add(accounts.backup("acme"));
        client.destroyItem(page.id(), list.id(), added.id());
        client.updateNote(page.id(), note.id(), note.title(), "third version");
        taken.add(accounts.backup("acme"));
        taken.add(accounts.backup("acme"));
        taken.add(accounts.backup("other"));
        taken.add(accounts.backup("other"));
        taken.add(accounts.store().begin(accounts.url("acme"), Include.ALL, Snapshot.Origin.BACKUP));
        String[] startedAt = {"2026-01-01T10:00:00Z", "2026-01-01T18:00:00Z", "2026-01-03T09:00:00Z", "2026-01-03T12:00:00Z",
                "2026-01-03T20:00:00Z", "2026-01-02T08:00:00Z", "2026-01-02T09:00:00Z", "2026-01-04T01:00:00Z"};
        for (int i = 0; i < startedAt.length; i++) {
            accounts.session().jdbc().update("UPDATE snapshots SET started_at = ? WHERE id = ?", startedAt[i], taken.get(i).id());
        }
        firstNoteVersion = accounts.count("SELECT id FROM versions WHERE kind = 'note' AND record_id = ? AND first_snapshot = ?",
                note.id(), taken.get(0).id());
        addedItemVersion = accounts.count("SELECT id FROM versions WHERE kind = 'item' AND record_id = ?", added.id());
        storeBeforeForget = accounts.copy("before-forget.db");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        accounts.close();
    }

    private static long id(int snapshot) {
        return taken.get(snapshot - 1).id();
    }

    @Test
    void removesWhatThePolicyDoesNotKeepAndOnlyTheVersionsNothingElseHolds() {
        List<Long> staying = List.of(id(2), id(5), id(7), id(8));
        Map<Long, List<RecordVersion>> recordsBefore = new HashMap<>();
        staying.forEach(id -> recordsBefore.put(id, accounts.records(id)));
        long versionsBefore = accounts.count("SELECT count(*) FROM versions");

        CommandRun run = CommandRun.run("forget", "--db", store.db(), "--keep-daily", "2").succeeds();

        assertThat(run.out()).contains("removed 4 snapshots (" + id(1) + ", " + id(3) + ", " + id(4) + ", " + id(6)
                + ") and 2 versions that only they held");
        assertThat(accounts.store().snapshots(null)).extracting(Snapshot::id).containsExactlyElementsOf(staying);
        assertThat(accounts.count("SELECT count(*) FROM versions")).isEqualTo(versionsBefore - 2);
        assertThat(accounts.count("SELECT count(*) FROM versions WHERE id IN (?, ?)", firstNoteVersion, addedItemVersion)).isZero();
        staying.forEach(id -> assertThat(accounts.records(id)).as("records of snapshot %d", id).isEqualTo(recordsBefore.get(id)));
        CommandRun.run("verify", "--db", store.db()).succeeds();
    }

    @Test
    void aDryRunPrintsWhatWouldGoAndChangesNothing() throws Exception {
        long versions = storeBeforeForget.count("SELECT count(*) FROM versions");

        CommandRun run = CommandRun.run("forget", "--db", storeBeforeForget.db(), "--keep-daily", "2", "--dry-run").succeeds();

        assertThat(run.outLines()).containsExactly(
                accounts.url("acme"),
                "  remove " + id(1) + "  2026-01-01T10:00:00Z",
                "  keep   " + id(2) + "  2026-01-01T18:00:00Z  daily",
                "  remove " + id(3) + "  2026-01-03T09:00:00Z",
                "  remove " + id(4) + "  2026-01-03T12:00:00Z",
                "  keep   " + id(5) + "  2026-01-03T20:00:00Z  daily, latest, parent of failed snapshot " + id(8),
                "  keep   " + id(8) + "  2026-01-04T01:00:00Z  failed, never removed",
                accounts.url("other"),
                "  remove " + id(6) + "  2026-01-02T08:00:00Z",
                "  keep   " + id(7) + "  2026-01-02T09:00:00Z  daily, latest",
                "would remove 4 snapshots (" + id(1) + ", " + id(3) + ", " + id(4) + ", " + id(6)
                        + ") and 2 versions that only they held; nothing was changed (--dry-run)");
        assertThat(storeBeforeForget.count("SELECT count(*) FROM snapshots")).isEqualTo(8);
        assertThat(storeBeforeForget.count("SELECT count(*) FROM versions")).isEqualTo(versions);
    }

    @Test
    void refusesToRunWithoutAPolicy() {
        CommandRun.run("forget", "--db", storeBeforeForget.db()).failsWith(2, "at least one");
        CommandRun.run("forget", "--db", storeBeforeForget.db(), "--keep-last", "0").failsWith(2, "--keep-last must be 1 or more");
        CommandRun.run("forget", "--db", dir.resolve("missing.db").toString(), "--keep-last", "1").failsWith(2, "no store at");
    }
}
