package org.backpackbatch.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.SnapshotComparison;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.TestStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration end to end: a generated account (Unicode, XML specials, empty titles, long lists,
 * empty pages, separators, tags with spaces, friends pages, galleries, attachments, emails, and the
 * whole account: users, reminders, a journal, statuses, calendars with events, bookmarks) is backed
 * up, restored into an empty account and that account backed up in turn: the two snapshots hold the
 * same content but for ids and timestamps for every kind the API can write, and what it cannot is
 * named in the report. Running the same restore again creates nothing.
 */
class RestoreRoundTripTest {

    @ParameterizedTest(name = "{0} store")
    @EnumSource(Dialect.class)
    void aMigrationIntoAnEmptyAccountGivesTheSameContentAndARerunCreatesNothing(Dialect dialect, @TempDir Path dir) throws Exception {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", "100"), new AccountSpec("dst", "empty"), new AccountSpec("mail", "empty")))
                .withRateLimit(null))) {
            BackpackEmulator.HostedAccount source = emulator.account("src");
            BackpackEmulator.HostedAccount target = emulator.account("dst");
            TestStore store = TestStore.create(dialect, dir);
            Path check = dir.resolve("check.db");
            long snapshot = RestoredContent.backUp(source, store, token(dir, source), "all");
            Map<Long, StoredPage> sourcePages = RestoredContent.snapshot(store, snapshot);
            StoredAccount sourceAccount = RestoredContent.account(store, snapshot);
            assertThat(sourcePages.values()).as("the generated account has every awkward part")
                    .anySatisfy(p -> assertThat(p.page().scope()).isEqualTo(Scope.FRIENDS))
                    .anySatisfy(p -> assertThat(p.page().belongings()).isEmpty())
                    .anySatisfy(p -> assertThat(p.page().galleries()).isNotEmpty())
                    .anySatisfy(p -> assertThat(p.page().attachments()).isNotEmpty())
                    .anySatisfy(p -> assertThat(p.emails()).isNotEmpty())
                    .anySatisfy(p -> assertThat(p.page().separators()).isNotEmpty())
                    .anySatisfy(p -> assertThat(p.page().notes()).anySatisfy(n -> assertThat(n.title()).isEmpty()))
                    .anySatisfy(p -> assertThat(p.page().tags()).anySatisfy(t -> assertThat(t.name()).contains(" ")))
                    .anySatisfy(p -> assertThat(p.page().lists()).anySatisfy(l -> assertThat(l.items()).hasSizeGreaterThan(15)));

            Path targetToken = token(dir, target);
            BackupCli.Run plan = BackupCli.inProcess(RestoredContent.restore(store, target, targetToken, snapshot, "--include-friends",
                    "--dry-run"));
            assertThat(plan.exitCode()).as(plan.err()).isZero();
            BackupCli.Run restored = BackupCli.inProcess(RestoredContent.restore(store, target, targetToken, snapshot, "--include-friends"));
            assertThat(restored.exitCode()).as(restored.err()).isZero();
            assertThat(restored.out()).contains("restored snapshot " + snapshot + " of " + source.baseUrl() + " into another account");
            assertThat(restored.out()).contains("not restored:");
            List<String> expectedLines = new ArrayList<>(unrestorable(sourcePages));
            expectedLines.addAll(unrestorable(sourceAccount, "Dst"));
            assertThat(unrestorableLines(restored, "not restored:")).containsExactlyInAnyOrderElementsOf(expectedLines);
            assertThat(unrestorableLines(plan, "will not be restored:")).as("the dry run's list").isEqualTo(unrestorableLines(restored, "not restored:"));
            restored.assertNoToken(target.token()).assertNoToken(source.token());

            long copy = RestoredContent.backUp(target, check, targetToken, "core");
            assertThat(RestoredContent.actual(RestoredContent.snapshot(check, copy).values()))
                    .containsExactlyInAnyOrderElementsOf(RestoredContent.expected(sourcePages.values(), false));
            RestoredContent.Counts counts = RestoredContent.counts(target.data());
            assertThat(counts).isEqualTo(RestoredContent.counts(sourcePages.values(), false));
            long me = sourceAccount.users().meId();
            long ownEntries = sourceAccount.journal().stream().filter(entry -> entry.userId() == me).count();
            RestoredContent.assertAccountRestoredOnce(sourceAccount, target.data());
            assertThat(RestoredContent.requests(restored))
                    .as("requests: the target's page list, its user, users and calendars, one create each, one tags request a tagged page,"
                            + " no reorder")
                    .isEqualTo(1 + 3 + counts.pages() + counts.notes() + counts.lists() + counts.items() + counts.separators()
                            + sourcePages.values().stream().filter(p -> !p.page().tags().isEmpty()).count()
                            + sourceAccount.reminders().size() + ownEntries + 1);
            assertThat(RestoredContent.figure(restored, "reorder")).isZero();
            assertThat(RestoredContent.figure(restored, "reminders")).isEqualTo(sourceAccount.reminders().size()).isPositive();
            assertThat(RestoredContent.figure(restored, "journal_entries")).isEqualTo(ownEntries).isPositive();
            assertThat(RestoredContent.figure(restored, "status")).isEqualTo(1);

            long wholeCopy = RestoredContent.backUp(target, store, targetToken, "all");
            SnapshotComparison.Result compared;
            try (Store session = store.open(Store.Access.READ)) {
                compared = SnapshotComparison.compare(session.snapshots(), snapshot, wholeCopy);
            }
            assertThat(compared.differences()).as("source and target, every kind the API can write").isEmpty();
            assertThat(compared.equal()).isTrue();

            List<Page> before = RestoredContent.state(target.data());
            long requestsBefore = target.requestCount();
            BackupCli.Run again = BackupCli.inProcess(RestoredContent.restore(store, target, targetToken, snapshot, "--include-friends"));
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(RestoredContent.requests(again)).as("requests of the second run: the target's page list, its user, users and calendars")
                    .isEqualTo(4);
            assertThat(again.out()).contains("restored snapshot " + snapshot + " of " + source.baseUrl()
                    + " into another account: nothing was left to do").doesNotContain("everything is replayed");
            assertThat(unrestorableLines(again, "not restored:")).as("what the second run still could not restore")
                    .isEqualTo(unrestorableLines(restored, "not restored:"));
            assertThat(target.requestCount()).as("requests the target saw from the second run").isEqualTo(requestsBefore + 4);
            assertThat(RestoredContent.state(target.data())).as("the target after the second run").isEqualTo(before);

            BackpackEmulator.HostedAccount mail = emulator.account("mail");
            Path mailToken = token(dir, mail);
            BackupCli.Run withEmails = BackupCli.inProcess(RestoredContent.restore(store, mail, mailToken, snapshot,
                    "--include-friends", "--emails-as-notes"));
            assertThat(withEmails.exitCode()).as(withEmails.err()).isZero();
            assertThat(withEmails.out()).doesNotContain("email(s)");
            long mailCopy = RestoredContent.backUp(mail, check, mailToken, "core");
            assertThat(RestoredContent.actual(RestoredContent.snapshot(check, mailCopy).values()))
                    .containsExactlyInAnyOrderElementsOf(RestoredContent.expected(sourcePages.values(), true));
            assertThat(RestoredContent.counts(mail.data())).isEqualTo(RestoredContent.counts(sourcePages.values(), true));
        }
    }

    /** Each gallery and attachment, and each page's emails, as the report names them. */
    private static List<String> unrestorable(Map<Long, StoredPage> pages) {
        List<String> lines = new ArrayList<>();
        pages.forEach((id, stored) -> {
            stored.page().galleries().forEach(g -> lines.add("page " + id + ": gallery '" + g.name() + "' (" + g.images().size()
                    + " images): the API has no way to upload image files"));
            stored.page().attachments().forEach(a -> lines.add("page " + id + ": attachment '" + a.fileName()
                    + "': the API has no way to upload attachment files"));
            if (!stored.emails().isEmpty()) {
                lines.add("page " + id + ": " + stored.emails().size()
                        + " email(s): the API cannot create emails; --emails-as-notes brings them back as notes");
            }
        });
        return lines;
    }

    /**
     * What of the whole account a migration into an empty account (whose token's user is
     * {@code restoring}) cannot write: users, bookmarks, calendars (and so their events), other
     * users' statuses and journal entries, and reminders of anyone but the token's user.
     */
    private static List<String> unrestorable(StoredAccount account, String restoring) {
        long me = account.users().meId();
        List<String> lines = new ArrayList<>();
        List<String> others = account.users().users().stream().filter(user -> user.id() != me).map(user -> "'" + user.name() + "'").toList();
        lines.add("users: " + others.size() + " user(s) the target does not have (" + String.join(", ", others)
                + "): the API cannot create users");
        lines.add("bookmarks: " + account.bookmarks().size() + " bookmark(s): the API cannot create bookmarks");
        account.calendars().forEach(calendar -> lines.add("calendars: calendar '" + calendar.calendar().name() + "' ("
                + calendar.events().size() + " events): the target has no calendar of that name and the API cannot create calendars;"
                + " create it and run the restore again"));
        account.statuses().stream().filter(status -> status.userId() != me).forEach(status -> lines.add("statuses: the status of '"
                + status.userName() + "' ('" + status.message() + "'): only the token's own status can be set through the API"));
        account.journal().stream().filter(entry -> entry.userId() != me)
                .collect(Collectors.groupingBy(JournalEntry::userName, Collectors.counting()))
                .forEach((name, count) -> lines.add("journal: " + count + " entries by '" + name
                        + "': only the token's own journal can be written through the API"));
        account.reminders().forEach(reminder -> reminder.remindees().stream().filter(user -> user.id() != me)
                .forEach(user -> lines.add("reminders: reminder '" + reminder.content() + "': '" + user.name()
                        + "' is no user of the target: the restoring user '" + restoring + "' is reminded instead")));
        return lines;
    }

    /** The lines under {@code heading}: the report's last section. */
    private static List<String> unrestorableLines(BackupCli.Run run, String heading) {
        assertThat(run.out()).contains(heading);
        String report = run.out().substring(run.out().indexOf(heading) + heading.length());
        return report.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    static Path token(Path dir, BackpackEmulator.HostedAccount account) throws java.io.IOException {
        return Files.writeString(dir.resolve(account.name() + ".token"), account.token() + "\n");
    }
}
