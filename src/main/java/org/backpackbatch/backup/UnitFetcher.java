package org.backpackbatch.backup;

import java.util.List;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.model.AccountUsers;
import org.backpackbatch.api.BackpackException;
import org.backpackbatch.api.model.CurrentUser;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.store.AccountRecords;
import org.backpackbatch.api.model.CalendarWithEvents;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.PageRecords;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.Resource;
import org.backpackbatch.store.SnapshotStore.PendingUnit;

/**
 * Fetches one unit of the worklist: a page (and its emails when the snapshot includes them), or one
 * of the account's own resources whole (the journal page by page, each calendar's events). Runs on
 * several threads at once, all sharing the client and so the account's throttles; calendar
 * requests spend the calendar budget. Never throws: a page that is gone or a fetch that failed is
 * what it returns.
 */
final class UnitFetcher {

    private final BackpackClient client;
    private final Include include;
    /** The token's own user (me.xml), asked once a run by the first unit that needs it: users and bookmarks. */
    private CurrentUser me;

    UnitFetcher(BackpackClient client, Include include) {
        this.client = client;
        this.include = include;
    }

    FetchedUnit fetch(PendingUnit unit) {
        try {
            List<RecordVersion> records = unit.resource().isPresent() ? resource(unit.resource().get()) : page(unit);
            return FetchedUnit.fetched(unit.id(), records);
        } catch (RuntimeException e) {
            if (unit.resource().isEmpty() && e instanceof BackpackException backpack && backpack.kind() == BackpackException.Kind.NOT_FOUND) {
                // destroyed between pages/all and now: the snapshot no longer has it
                return FetchedUnit.vanished(unit.id());
            }
            return FetchedUnit.failed(unit.id(), e);
        }
    }

    private List<RecordVersion> page(PendingUnit unit) {
        Page page = client.page(unit.id()).withScope(Scope.fromXml(unit.scope()));
        List<Email> emails = include.includes(Resource.EMAILS) ? client.emails(unit.id()) : List.of();
        return PageRecords.toRecords(page, emails);
    }

    private List<RecordVersion> resource(Resource resource) {
        return switch (resource) {
            case USERS -> AccountRecords.users(AccountUsers.of(client.users(), me().user()));
            case REMINDERS -> AccountRecords.reminders(client.reminders());
            case JOURNAL -> AccountRecords.journal(client.journalEntries());
            case STATUSES -> AccountRecords.statuses(client.statuses());
            case CALENDARS -> AccountRecords.calendars(client.calendars().stream()
                    .map(calendar -> new CalendarWithEvents(calendar, client.calendarEvents(calendar.id()))).toList());
            case BOOKMARKS -> AccountRecords.bookmarks(client.bookmarks(me().id()));
            case EMAILS -> throw new IllegalArgumentException("emails are fetched with their pages");
        };
    }

    private synchronized CurrentUser me() {
        if (me == null) {
            me = client.me();
        }
        return me;
    }
}
