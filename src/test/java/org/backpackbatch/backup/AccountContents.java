package org.backpackbatch.backup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.emulator.EmulatedAccount;
import org.backpackbatch.store.Difference;
import org.backpackbatch.store.PageRecords;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.Include;

/**
 * What an emulated account serves, as a backup of it must hold it: each page as the API shows it
 * (incomplete items first, then completed), with the scope pages/all gives it and, for
 * {@code --include all}, its emails. The truth the tests compare snapshots with.
 */
final class AccountContents {

    /** One record that differs between two states, by what identifies it across snapshots. */
    record Change(Difference.Change change, RecordVersion.Key key) {
    }

    private AccountContents() {
    }

    static Map<Long, StoredPage> of(EmulatedAccount account, Include include) {
        Map<Long, StoredPage> pages = new TreeMap<>();
        for (PageSummary summary : account.allPages()) {
            Page served = account.page(summary.id()).withScope(account.storedPage(summary.id()).scope());
            pages.put(summary.id(), new StoredPage(served, include == Include.ALL ? account.emails(summary.id()) : List.of()));
        }
        return pages;
    }

    /** The records that differ between two states of an account, worked out from the pages alone. */
    static Set<Change> differences(Map<Long, StoredPage> before, Map<Long, StoredPage> after) {
        Map<RecordVersion.Key, RecordVersion> old = records(before);
        Map<RecordVersion.Key, RecordVersion> now = records(after);
        Set<Change> changes = new HashSet<>();
        now.forEach((key, record) -> {
            RecordVersion was = old.get(key);
            if (was == null) {
                changes.add(new Change(Difference.Change.ADDED, key));
            } else if (!was.equals(record)) {
                changes.add(new Change(Difference.Change.CHANGED, key));
            }
        });
        old.keySet().stream().filter(key -> !now.containsKey(key)).forEach(key -> changes.add(new Change(Difference.Change.REMOVED, key)));
        return changes;
    }

    static Map<RecordVersion.Key, RecordVersion> records(Map<Long, StoredPage> pages) {
        Map<RecordVersion.Key, RecordVersion> records = new HashMap<>();
        pages.values().forEach(page -> PageRecords.toRecords(page.page(), page.emails()).forEach(record -> records.put(record.key(), record)));
        return records;
    }
}
