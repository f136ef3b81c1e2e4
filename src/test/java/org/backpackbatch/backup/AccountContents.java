package org.backpackbatch.backup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.backpackbatch.api.model.AccountUsers;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.User;
import org.backpackbatch.emulator.EmulatedAccount;
import org.backpackbatch.store.AccountRecords;
import org.backpackbatch.api.model.CalendarWithEvents;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.Difference;
import org.backpackbatch.store.PageRecords;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.Resource;

/**
 * What an emulated account serves, as a backup of it must hold it: each page as the API shows it
 * (incomplete items first, then completed), with the scope pages/all gives it and, for
 * {@code --include all}, its emails; and the whole account beyond its pages. The truth the tests
 * compare snapshots with.
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

    /**
     * The account's own resources as the API serves them to its token: the users with the token's
     * own, the upcoming reminders, every journal entry, the statuses, the calendars with their
     * events and the token's user's bookmarks.
     */
    static StoredAccount account(EmulatedAccount account) {
        User me = account.owner();
        return new StoredAccount(AccountUsers.of(account.users(), me), account.reminders().upcoming(), account.journal().all(),
                account.statuses(), account.calendars().all().stream()
                        .map(calendar -> new CalendarWithEvents(calendar, account.calendars().events(calendar.id()))).toList(),
                account.bookmarks(me.id()));
    }

    /** The records that differ between two states of an account, worked out from its pages and its own resources. */
    static Set<Change> differences(Map<Long, StoredPage> before, StoredAccount accountBefore, Map<Long, StoredPage> after,
            StoredAccount accountAfter) {
        Map<RecordVersion.Key, RecordVersion> old = records(before);
        old.putAll(records(accountBefore));
        Map<RecordVersion.Key, RecordVersion> now = records(after);
        now.putAll(records(accountAfter));
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

    static Map<RecordVersion.Key, RecordVersion> records(StoredAccount account) {
        Map<RecordVersion.Key, RecordVersion> records = new HashMap<>();
        for (Resource resource : Resource.ofAccount()) {
            AccountRecords.toRecords(resource, account).forEach(record -> records.put(record.key(), record));
        }
        return records;
    }

    static Map<RecordVersion.Key, RecordVersion> records(Map<Long, StoredPage> pages) {
        Map<RecordVersion.Key, RecordVersion> records = new HashMap<>();
        pages.values().forEach(page -> PageRecords.toRecords(page.page(), page.emails()).forEach(record -> records.put(record.key(), record)));
        return records;
    }
}
