package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer a store however it is named: the lock lies beside the store's real path, and a store
 * with a second name is refused. Two processes are shown in BackupStoreFailureIT; here one holds it.
 */
class StoreLockTest {

    @TempDir
    Path dir;

    @SuppressWarnings("try") // the resource is held for the scope, not used in it
    @Test
    void theLockLiesBesideTheRealStoreAndIsPrivate() throws Exception {
        Path store = dir.resolve("store.db");
        StoreFile.prepare(store, true, true);
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("link.db"), store);

        try (StoreLock lock = StoreLock.acquire(link, false)) {
            assertThat(dir.resolve("store.db.lock")).exists();
            assertThat(SpecialFiles.modeOf(dir.resolve("store.db.lock"))).isEqualTo("rw-------");
            assertThat(elsewhere.resolve("link.db.lock")).doesNotExist();
        }
    }

    @SuppressWarnings("try") // the resource is held for the scope, not used in it
    @Test
    void everyNameOfAHeldStoreIsBusy() throws Exception {
        Path store = dir.resolve("store.db");
        StoreFile.prepare(store, true, true);
        Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link.db"), store);
        Path dotDot = Path.of(dir + "/sub/../store.db");

        try (StoreLock lock = StoreLock.acquire(store, false)) {
            for (Path name : new Path[] {store, link, dotDot}) {
                assertThatThrownBy(() -> StoreLock.acquire(name, false)).isInstanceOf(StoreLock.StoreBusyException.class)
                        .hasMessage("another backpack-batch job is writing to " + name + "; run this one when it has finished");
            }
        }
        StoreLock.acquire(dotDot, false).close();
    }

    @Test
    void aStoreWithASecondNameIsRefusedUnderEachName() throws Exception {
        Path store = dir.resolve("store.db");
        StoreFile.prepare(store, true, true);
        Path hardLink = Files.createLink(dir.resolve("same-inode.db"), store);

        for (Path name : new Path[] {store, hardLink}) {
            assertThatThrownBy(() -> StoreLock.acquire(name, false)).isInstanceOf(StoreProblem.class)
                    .hasMessageStartingWith("the store " + name + " has 2 names (hard links); SQLite cannot lock a database reached under two names");
        }
        assertThat(dir.resolve("same-inode.db.lock")).doesNotExist();
    }
}
