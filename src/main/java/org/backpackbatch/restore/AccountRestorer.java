package org.backpackbatch.restore;

import java.util.List;
import java.util.Objects;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.EventTitles;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.restore.AccountPlan.EventInto;
import org.backpackbatch.store.Resource;

/**
 * Replays one of the account's own resources into the target, as its {@link AccountPlan} says:
 * reminders, the token's own journal entries (oldest first) and status, events into their
 * calendars; of users and bookmarks it only reports. Every create goes through the id map
 * ({@link MappedCreates}); a create whose answer was lost is settled by adopting the target's
 * exact match.
 */
final class AccountRestorer {

    private final BackpackClient client;
    private final RestoreLedger ledger;
    private final RestoreLedger.Run run;
    private final AccountPlan plan;
    private final MappedCreates creates;
    private final Resource resource;

    AccountRestorer(BackpackClient client, RestoreLedger ledger, RestoreLedger.Run run, RestoreTally tally, AccountPlan plan,
            Resource resource) {
        this.client = client;
        this.ledger = ledger;
        this.run = run;
        this.plan = plan;
        this.creates = new MappedCreates(ledger, run, tally);
        this.resource = resource;
    }

    void restore() {
        ledger.clearReport(run.id(), resource.scope());
        plan.unrestorable(resource).forEach(part -> ledger.unrestorable(run.id(), part));
        switch (resource) {
            case REMINDERS -> plan.reminders().forEach(this::reminder);
            case JOURNAL -> plan.ownEntries().forEach(this::journalEntry);
            case STATUSES -> plan.ownStatus().forEach(this::status);
            case CALENDARS -> plan.events().forEach(this::event);
            // users and bookmarks cannot be written: only reported
            default -> { }
        }
    }

    private void reminder(Reminder reminder) {
        List<Long> remindees = plan.remindees(reminder);
        creates.ensure(resource.scope(), RestoreKind.REMINDER, reminder.id(), "reminder '" + reminder.content() + "'",
                () -> client.createReminder(reminder.remindAt(), reminder.content(), remindees).id(),
                () -> creates.adopt(creates.read(client::reminders), RestoreKind.REMINDER, Reminder::id,
                        r -> r.content().equals(reminder.content()) && Objects.equals(r.remindAt(), reminder.remindAt())));
    }

    private void journalEntry(JournalEntry entry) {
        long me = plan.targetMe().id();
        creates.ensure(resource.scope(), RestoreKind.JOURNAL_ENTRY, entry.id(), "journal entry of " + entry.createdAt(),
                () -> client.createJournalEntry(me, entry.body()).id(),
                () -> creates.adopt(creates.read(() -> client.journalEntries(me)), RestoreKind.JOURNAL_ENTRY, JournalEntry::id,
                        e -> e.body().equals(entry.body())));
    }

    private void status(Status status) {
        long me = plan.targetMe().id();
        creates.ensure(resource.scope(), RestoreKind.STATUS, status.id(), "the status '" + status.message() + "'",
                () -> client.updateStatus(me, status.message()).id(),
                () -> creates.read(() -> client.status(me)).filter(s -> s.message().equals(status.message())).map(Status::id).orElse(null));
    }

    private void event(EventInto into) {
        CalendarEvent event = into.event();
        String occursAt = EventTitles.toTheMinute(event.occursAt());
        creates.ensure(resource.scope(), RestoreKind.CALENDAR_EVENT, event.id(), "event '" + event.title() + "'",
                () -> client.createCalendarEvent(into.targetCalendarId(), EventTitles.dated(event.title(), event.occursAt()), event.remind()).id(),
                () -> creates.adopt(creates.read(() -> client.calendarEvents(into.targetCalendarId())), RestoreKind.CALENDAR_EVENT,
                        CalendarEvent::id, e -> e.title().equals(event.title()) && Objects.equals(e.occursAt(), occursAt)
                                && e.remind() == event.remind()));
    }
}
