package org.backpackbatch.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.emulator.EmulatedAccount;
import org.backpackbatch.emulator.InMemoryAccount;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup job on an account in memory, into a real store: a snapshot holds exactly what the
 * account serves, with one request for the page list and one per page (two with its emails), and
 * the next snapshot stores only what changed. Over HTTP and at scale: {@link BackupContentTest}.
 */
class BackupTest {

    @Test
    void aSnapshotHoldsWhatTheAccountServesAtOneRequestPerPageAndOneForItsEmails(@TempDir Path dir) {
        InMemoryAccount account = InMemoryAccount.seeded("acme", "demo", 100_000_000L);
        int pages = account.data().allPages().size();
        try (Store store = Store.open(dir.resolve("store.db"), Store.Access.CREATE)) {
            Backup.Result all = backUp(store, account, Include.ALL);
            assertThat(SnapshotContents.pages(store.snapshots(), all.snapshot().id()))
                    .isEqualTo(AccountContents.of(account.data(), Include.ALL));
            long journalReads = account.data().journal().all().size() / 100 + 1;
            long calendars = account.data().calendars().all().size();
            assertThat(all.requests()).as("pages/all, each page and its emails; users, me, reminders, statuses, bookmarks, calendars;"
                    + " the journal 100 entries at a time; each calendar's events").isEqualTo(1 + 2L * pages + 6 + journalReads + calendars);
            assertThat(all.snapshot().complete()).isTrue();

            Backup.Result core = backUp(store, account, Include.CORE);
            assertThat(SnapshotContents.pages(store.snapshots(), core.snapshot().id()))
                    .isEqualTo(AccountContents.of(account.data(), Include.CORE));
            assertThat(core.requests()).as("pages/all, then each page").isEqualTo(1 + (long) pages);
        }
    }

    @Test
    void theNextSnapshotStoresOnlyWhatChanged(@TempDir Path dir) {
        InMemoryAccount account = InMemoryAccount.seeded("acme", "demo", 100_000_000L);
        EmulatedAccount data = account.data();
        try (Store store = Store.open(dir.resolve("store.db"), Store.Access.CREATE)) {
            Snapshot first = backUp(store, account, Include.ALL).snapshot();
            long garden = data.allPages().stream().filter(page -> page.title().equals("Garden")).findFirst().orElseThrow().id();
            Note note = data.page(garden).notes().get(0);
            data.updateNote(garden, note.id(), note.title(), note.body() + "\nAnd mint.");
            data.createNote(garden, "Compost", "Turn it in March.");

            Snapshot second = backUp(store, account, Include.ALL).snapshot();

            assertThat(second.parentId()).isEqualTo(first.id());
            // the new note is a note and a belonging; the changed one keeps its belonging
            assertThat(second.changes()).isEqualTo(new Snapshot.Changes(2, 1, 0));
            assertThat(SnapshotContents.pages(store.snapshots(), second.id())).isEqualTo(AccountContents.of(data, Include.ALL));
            assertThat(SnapshotContents.pages(store.snapshots(), first.id())).as("the first snapshot, as it was")
                    .isNotEqualTo(AccountContents.of(data, Include.ALL));
        }
    }

    private static Backup.Result backUp(Store store, InMemoryAccount account, Include include) {
        try (BackpackClient client = account.client()) {
            return TestBackups.run(store, client, include, 2);
        }
    }
}
