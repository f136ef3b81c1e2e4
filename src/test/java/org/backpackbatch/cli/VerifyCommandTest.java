package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.TestStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.backpackbatch.output.VerifyOutput;

/** {@code verify} passes a store as a backup leaves it, and finds damage planted in a copy of it: exit 4, naming it. */
@ParameterizedClass
@EnumSource(Dialect.class)
class VerifyCommandTest {

    @TempDir
    static Path dir;

    @Parameter
    Dialect dialect;

    private static BackedUpAccounts accounts;
    private static TestStore store;
    private static Snapshot first;
    private static Snapshot second;
    private static int copies;

    @BeforeParameterizedClassInvocation
    static void backUpTwice(Dialect dialect) throws Exception {
        store = TestStore.create(dialect, dir, dialect + "-store.db");
        accounts = new BackedUpAccounts(store, new AccountSpec("acme", null));
        first = accounts.backup("acme");
        var client = accounts.client("acme");
        long page = client.pages().get(0).id();
        client.createNote(page, "Added", "between the backups");
        client.renamePage(page, "Renamed between the backups");
        second = accounts.backup("acme");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        accounts.close();
    }

    /** A copy of the store with the SQL applied through a plain connection, as a hand or a bad disk would change it. */
    private static TestStore damagedCopy(String... statements) {
        TestStore copy = accounts.copy("copy-" + ++copies + ".db");
        copy.execute(statements);
        return copy;
    }

    private static long queryLong(TestStore in, String sql) {
        return in.count(sql);
    }

    /** A damaged file is SQLite's alone: a PostgreSQL server checks its own pages. */
    private void onlyOnAFile() {
        Assumptions.assumeTrue(dialect == Dialect.SQLITE, "the damage of a file");
    }

    @Test
    void passesAStoreAsBackupsLeaveIt() {
        CommandRun run = CommandRun.run("verify", "--db", store.db()).succeeds();

        assertThat(run.outLines()).singleElement().asString()
                .startsWith("OK: " + store.db() + (dialect == Dialect.SQLITE ? " passes SQLite's integrity check; " : " is on PostgreSQL, "))
                .contains(accounts.count("SELECT count(*) FROM versions") + " versions match their hashes and ranges")
                .endsWith("2 complete snapshots are whole and consistent");
        assertThat(CommandRun.run("verify", "--db", store.db(), "--snapshot", Long.toString(first.id())).succeeds().out())
                .contains("snapshot " + first.id() + " is whole and consistent");
        CommandRun.run("verify", "--db", store.db(), "--snapshot", "99").failsWith(2, "no snapshot 99");
    }

    /**
     * A column changed behind the hash: one a note uses, and one only the account's own resources
     * use, on an item (those five columns are read only where one is set: this one is).
     */
    @ParameterizedTest
    @CsvSource({"note, name", "item, remindees"})
    void findsARecordChangedBehindItsHash(String kind, String column) throws Exception {
        String first = "(SELECT min(id) FROM versions WHERE kind = '" + kind + "')";
        TestStore copy = damagedCopy("UPDATE versions SET " + column + " = 'x' WHERE id = " + first);
        long version = queryLong(copy, "SELECT " + first);

        CommandRun run = CommandRun.run("verify", "--db", copy.db()).failsWith(4, "verify found 1 problem in " + copy.db());

        assertThat(run.outLines()).singleElement().asString().startsWith("version " + version + " (" + kind + " ")
                .endsWith(": its content does not match its hash");
    }

    @Test
    void findsANoteWhosePageIsMissing() throws Exception {
        long page = queryLong(store, "SELECT page_id FROM versions WHERE kind = 'note' AND last_snapshot IS NULL ORDER BY id LIMIT 1");
        TestStore copy = damagedCopy("DELETE FROM versions WHERE kind = 'page' AND record_id = " + page);

        CommandRun run = CommandRun.run("verify", "--db", copy.db()).failsWith(4, "problems in " + copy.db());

        for (Snapshot snapshot : new Snapshot[] {first, second}) {
            assertThat(run.out()).containsPattern("snapshot " + snapshot.id() + ": \\d+ records are on page " + page
                    + ", which the snapshot does not hold \\(");
            assertThat(run.out()).contains("snapshot " + snapshot.id() + " counts " + snapshot.counts().pages() + " pages but holds "
                    + (snapshot.counts().pages() - 1));
        }
    }

    @Test
    void findsARecordWithTwoCurrentVersionsAndANoteWithoutItsBelonging() throws Exception {
        long note = queryLong(store, "SELECT record_id FROM versions WHERE kind = 'note' AND last_snapshot IS NULL ORDER BY id LIMIT 1");
        long page = queryLong(store, "SELECT page_id FROM versions WHERE kind = 'note' AND record_id = " + note);
        long item = queryLong(store, "SELECT record_id FROM versions WHERE kind = 'item' AND last_snapshot IS NULL ORDER BY id LIMIT 1");
        long itemPage = queryLong(store, "SELECT page_id FROM versions WHERE kind = 'item' AND record_id = " + item);
        TestStore copy = damagedCopy("INSERT INTO versions (account_id, kind, record_id, page_id, parent_id, position, type, name, body,"
                + " created_at, flag, hash, first_snapshot) SELECT account_id, kind, record_id, page_id, parent_id, position, type, name,"
                + " body, created_at, flag, hash, first_snapshot FROM versions WHERE kind = 'item' AND record_id = " + item
                + " AND last_snapshot IS NULL",
                "DELETE FROM versions WHERE kind = 'belonging' AND type = 'Note' AND parent_id = " + note);

        CommandRun run = CommandRun.run("verify", "--db", copy.db()).failsWith(4, "problems in " + copy.db());

        assertThat(run.out()).contains("snapshot " + second.id() + ": item " + item + " on page " + itemPage + " has 2 versions at once",
                "snapshot " + second.id() + ": note " + note + " on page " + page + " has no belonging on its page");
    }

    @Test
    void findsItemsWithoutTheirListsAndNamesTheFirstTwentyProblems() throws Exception {
        TestStore copy = damagedCopy("DELETE FROM versions WHERE kind = 'list'");

        CommandRun run = CommandRun.run("verify", "--db", copy.db()).failsWith(4, "problems in " + copy.db());

        assertThat(run.outLines()).hasSize(VerifyOutput.SHOWN_PROBLEMS + 1);
        assertThat(run.out()).containsPattern("snapshot " + first.id() + ": item \\d+ on page \\d+ is in list \\d+, which the snapshot does not hold")
                .containsPattern("snapshot " + first.id() + ": belonging \\d+ on page \\d+ places list \\d+, which the snapshot does not hold");
        assertThat(run.outLines().get(VerifyOutput.SHOWN_PROBLEMS)).matches("\\.\\.\\. and \\d+ more");
    }

    @Test
    void findsTheWholeAccountsRecordsThatNameUsersAndCalendarsItDoesNotHold() throws Exception {
        String others = "(SELECT record_id FROM versions WHERE kind = 'user' AND flag = 0)";
        long reminder = queryLong(store, "SELECT min(record_id) FROM versions WHERE kind = 'reminder' AND user_id IN " + others);
        long creator = queryLong(store, "SELECT user_id FROM versions WHERE kind = 'reminder' AND record_id = " + reminder);
        long entry = queryLong(store, "SELECT min(record_id) FROM versions WHERE kind = 'journal_entry' AND user_id IN " + others);
        long author = queryLong(store, "SELECT user_id FROM versions WHERE kind = 'journal_entry' AND record_id = " + entry);
        long event = queryLong(store, "SELECT min(record_id) FROM versions WHERE kind = 'calendar_event'");
        long calendar = queryLong(store, "SELECT parent_id FROM versions WHERE kind = 'calendar_event' AND record_id = " + event);
        TestStore copy = damagedCopy("DELETE FROM versions WHERE kind IN ('user', 'calendar') AND NOT (kind = 'user' AND flag = 1)",
                "UPDATE versions SET page_id = -1 WHERE kind = 'bookmark'");

        CommandRun run = CommandRun.run("verify", "--db", copy.db(), "--snapshot", Long.toString(second.id()))
                .failsWith(4, "problems in " + copy.db());

        String where = "snapshot " + second.id() + ": ";
        assertThat(run.out()).contains(where + "reminder " + reminder + " is made by user " + creator + ", whom the snapshot does not hold",
                where + "journal_entry " + entry + " is written by user " + author + ", whom the snapshot does not hold",
                where + "calendar_event " + event + " is in calendar " + calendar + ", which the snapshot does not hold")
                .containsPattern(where + "bookmark \\d+ is stored on page -1, which is no page and not the place of bookmarks")
                .containsPattern("snapshot " + second.id() + " counts \\d+ users but holds 1; \\d+ calendars but holds 0");
    }

    @Test
    void findsRangesOutsideTheSnapshotsTheStoreHasIssued() throws Exception {
        long version = queryLong(store, "SELECT max(id) FROM versions");
        TestStore copy = damagedCopy("UPDATE versions SET first_snapshot = 99 WHERE id = " + version);

        CommandRun run = CommandRun.run("verify", "--db", copy.db()).failsWith(4, "problems in " + copy.db());

        assertThat(run.out()).contains("version " + version + " (", "its range begins at snapshot 99, which this store never had");
    }

    @Test
    void findsARangeBeginningAtAnotherAccountsSnapshot() throws Exception {
        long version = queryLong(store, "SELECT min(id) FROM versions WHERE first_snapshot = " + first.id());
        TestStore copy = damagedCopy("INSERT INTO accounts (url) VALUES ('https://other.example/')",
                "UPDATE versions SET account_id = (SELECT id FROM accounts WHERE url = 'https://other.example/') WHERE id = " + version);

        CommandRun run = CommandRun.run("verify", "--db", copy.db()).failsWith(4, "problems in " + copy.db());

        assertThat(run.out()).contains("version " + version + " (", "its range begins at snapshot " + first.id() + ", a snapshot of another account");
    }

    @Test
    void aTruncatedFileIsAnIntegrityFailureNotAStackTrace() throws Exception {
        onlyOnAFile();
        TestStore copy = accounts.copy("truncated.db");
        try (RandomAccessFile file = new RandomAccessFile(copy.file().toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }

        CommandRun run = CommandRun.run("verify", "--db", copy.db());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(4);
        assertThat(run.err()).doesNotContain("\tat ", "Exception").contains("error: ");
    }

    @Test
    void aZeroedPageOfTheVersionsIsNamedBySqlitesOwnCheck() throws Exception {
        onlyOnAFile();
        TestStore copy = accounts.copy("zeroed.db");
        long page = queryLong(copy, "SELECT rootpage FROM sqlite_master WHERE name = 'versions'");
        long pageSize = queryLong(copy, "PRAGMA page_size");
        try (RandomAccessFile file = new RandomAccessFile(copy.file().toFile(), "rw")) {
            file.seek((page - 1) * pageSize);
            file.write(new byte[(int) pageSize]);
        }

        CommandRun run = CommandRun.run("verify", "--db", copy.db()).failsWith(4, "problems in " + copy.db());

        assertThat(run.out()).contains("SQLite integrity check: ", "page " + page + ": ",
                "cannot read the versions: SQLite says 'database disk image is malformed'");
        // any command that meets the damage says so, with the same exit code
        CommandRun.run("diff", "--db", copy.db()).failsWith(4, "the store is damaged: SQLite says 'database disk image is malformed'");
    }

    @Test
    void aFileWithAnSqliteHeaderAndNothingSensibleAfterItIsAnIntegrityFailure() throws IOException {
        onlyOnAFile();
        Path copy = dir.resolve("not-a-database.db");
        byte[] bytes = new byte[8192];
        Arrays.fill(bytes, (byte) 0x5a);
        byte[] header = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        Files.write(copy, bytes);

        CommandRun.run("verify", "--db", copy.toString()).failsWith(4, "is damaged");
    }
}
