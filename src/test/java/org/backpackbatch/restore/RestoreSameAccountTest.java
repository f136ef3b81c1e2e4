package org.backpackbatch.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore into the account a snapshot was taken from brings back exactly what was deleted
 * since, in its place, and nothing else; {@code --page} limits it to one page and
 * {@code --dry-run} only prints the plan.
 */
class RestoreSameAccountTest {

    private static final List<String> CREATES = List.of("pages/new", "notes/create", "lists/add", "items/add", "separators", "tags/tag");

    @Test
    void onlyWhatWasDeletedComesBackAndOnlyOnce(@TempDir Path dir) throws Exception {
        try (BackedUpSource source = BackedUpSource.of(dir, 40)) {
            RestoredContent.Counts originalCounts = RestoredContent.counts(source.account().data());

            Page withNote = withAtLeast(source.originalPages(), p -> p.notes().size() >= 2);
            Page withList = withAtLeast(source.originalPages(), p -> p.lists().size() >= 2 && p.id() != withNote.id()
                    && !p.lists().get(0).items().isEmpty());
            Page gone = withAtLeast(source.originalPages(), p -> p.id() != withNote.id() && p.id() != withList.id() && !p.notes().isEmpty()
                    && !p.lists().isEmpty() && !p.tags().isEmpty());
            source.api().destroyNote(withNote.id(), withNote.notes().get(0).id());
            source.api().destroyList(withList.id(), withList.lists().get(0).id());
            source.api().destroyPage(gone.id());
            long itemsGone = withList.lists().get(0).items().size() + gone.lists().stream().mapToLong(l -> l.items().size()).sum();

            BackupCli.Run restored = BackupCli.inProcess(RestoredContent.restore(source.store(), source.account(), source.token(), source.original()));
            assertThat(restored.exitCode()).as(restored.err()).isZero();
            assertThat(restored.out()).contains("restored snapshot " + source.original() + " of " + source.account().baseUrl()
                    + " into the account it was taken from");
            assertThat(RestoredContent.figure(restored, "pages/new")).isEqualTo(1);
            assertThat(RestoredContent.figure(restored, "notes/create")).isEqualTo(1 + gone.notes().size());
            assertThat(RestoredContent.figure(restored, "lists/add")).isEqualTo(1 + gone.lists().size());
            assertThat(RestoredContent.figure(restored, "items/add")).isEqualTo(itemsGone);
            assertThat(RestoredContent.figure(restored, "separators")).isEqualTo(gone.separators().size());
            assertThat(RestoredContent.figure(restored, "tags/tag")).isEqualTo(1);
            assertThat(RestoredContent.counts(source.account().data())).isEqualTo(originalCounts);

            long after = RestoredContent.backUp(source.account(), source.store(), source.token(), "core");
            assertThat(RestoredContent.asIs(RestoredContent.snapshot(source.store(), after).values()))
                    .as("the account backed up again, ignoring ids")
                    .containsExactlyInAnyOrderElementsOf(RestoredContent.asIs(source.originalPages().values()));

            List<Page> before = RestoredContent.state(source.account().data());
            BackupCli.Run again = BackupCli.inProcess(RestoredContent.restore(source.store(), source.account(), source.token(), source.original()));
            assertThat(again.exitCode()).as(again.err()).isZero();
            for (String create : CREATES) {
                assertThat(RestoredContent.figure(again, create)).as("%s of the second run", create).isZero();
            }
            assertThat(RestoredContent.figure(again, "reorder")).isZero();
            assertThat(again.out()).contains("into the account it was taken from: nothing was left to do");
            assertThat(RestoredContent.state(source.account().data())).as("the account after the second run").isEqualTo(before);
        }
    }

    @Test
    void pageRestoresOnlyThatPageAndDryRunChangesNothing(@TempDir Path dir) throws Exception {
        try (BackedUpSource source = BackedUpSource.of(dir, 30)) {
            List<Page> personal = source.originalPages().values().stream().map(StoredPage::page)
                    .filter(p -> p.scope() == Scope.PERSONAL && p.galleries().isEmpty() && p.attachments().isEmpty()
                            && !p.notes().isEmpty())
                    .toList();
            Page wanted = personal.get(0);
            Page other = personal.get(1);
            source.api().destroyPage(wanted.id());
            source.api().destroyPage(other.id());
            long pagesLeft = source.account().data().allPages().size();

            List<Page> beforeDryRun = RestoredContent.state(source.account().data());
            BackupCli.Run plan = BackupCli.inProcess(RestoredContent.restore(source.store(), source.account(), source.token(), source.original(), "--dry-run"));
            assertThat(plan.exitCode()).as(plan.err()).isZero();
            assertThat(plan.out()).contains("plan to restore snapshot " + source.original());
            assertThat(RestoredContent.figure(plan, "pages/new")).isEqualTo(2);
            assertThat(RestoredContent.figure(plan, "notes/create")).isEqualTo(wanted.notes().size() + other.notes().size());
            assertThat(RestoredContent.requests(plan)).as("requests planned").isPositive();
            assertThat(RestoredContent.state(source.account().data())).as("the account after a dry run").isEqualTo(beforeDryRun);
            assertThat(RestoredContent.query(source.store(), "SELECT count(*) FROM restore_ids")).as("id map after a dry run").isEqualTo("0");

            BackupCli.Run one = BackupCli.inProcess(RestoredContent.restore(source.store(), source.account(), source.token(), source.original(),
                    "--page", Long.toString(wanted.id())));
            assertThat(one.exitCode()).as(one.err()).isZero();
            assertThat(RestoredContent.figure(one, "pages/new")).isEqualTo(1);
            assertThat(source.account().data().allPages()).hasSize((int) pagesLeft + 1);
            assertThat(source.account().data().allPages()).as("pages titled as the deleted ones")
                    .filteredOn(p -> p.title().equals(other.title()))
                    .hasSize((int) source.originalPages().values().stream().filter(p -> p.page().title().equals(other.title())).count() - 1);
            long restoredId = source.account().data().allPages().stream().mapToLong(p -> p.id()).max().orElseThrow();
            Page restoredPage = source.account().data().page(restoredId).withScope(Scope.PERSONAL);
            assertThat(RestoredContent.asIs(List.of(new StoredPage(restoredPage, List.of()))))
                    .isEqualTo(RestoredContent.asIs(List.of(new StoredPage(wanted, List.of()))));
        }
    }

    /** A generated account on the emulator, backed up once (core) into a store: what each test starts from. */
    private record BackedUpSource(BackpackEmulator emulator, BackpackEmulator.HostedAccount account, BackpackClient api, Path store,
            Path token, long original, Map<Long, StoredPage> originalPages) implements AutoCloseable {

        static BackedUpSource of(Path dir, int pages) throws Exception {
            BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                    .withAccounts(List.of(new AccountSpec("src", Integer.toString(pages)))).withRateLimit(null));
            BackpackEmulator.HostedAccount account = emulator.account("src");
            Path store = dir.resolve("store.db");
            Path token = RestoreRoundTripTest.token(dir, account);
            long original = RestoredContent.backUp(account, store, token, "core");
            return new BackedUpSource(emulator, account, client(account), store, token, original, RestoredContent.snapshot(store, original));
        }

        @Override
        public void close() {
            api.close();
            emulator.close();
        }
    }

    private static Page withAtLeast(Map<Long, StoredPage> pages, java.util.function.Predicate<Page> test) {
        return pages.values().stream().map(StoredPage::page)
                .filter(p -> p.scope() == Scope.PERSONAL && p.galleries().isEmpty() && p.attachments().isEmpty())
                .filter(test).min(Comparator.comparingLong(Page::id)).orElseThrow();
    }

    static BackpackClient client(BackpackEmulator.HostedAccount account) {
        return new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()), ClientSettings.defaults().withRate(null));
    }
}
