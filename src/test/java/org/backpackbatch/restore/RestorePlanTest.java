package org.backpackbatch.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.emulator.InMemoryAccount;
import org.backpackbatch.restore.RestoreTally.Request;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a restore plans, read against accounts in memory: which pages it replays and which it
 * leaves out (and why), what the target still has when it is the snapshot's own account, the
 * requests still to send by kind, and what it cannot bring back.
 */
class RestorePlanTest {

    /** Into its own account a plan reads its user, users, reminders, journal, statuses, bookmarks and calendars, and the 2 calendars' events. */
    private static final int OWN_ACCOUNT_READS = 9;

    private static final String FRIENDS_PAGE = "Anna & Tom's wedding";
    private static final String WITH_FILES = "Lisbon & Sintra, May 2007";

    private static InMemoryRestore restore;

    @BeforeAll
    static void backUpTheDemoAccount(@TempDir Path dir) {
        restore = new InMemoryRestore(dir);
    }

    @AfterAll
    static void close() {
        restore.close();
    }

    @Test
    void friendsPagesAreLeftOutUnlessAskedFor() {
        InMemoryAccount target = InMemoryRestore.newTarget();
        long friends = restore.page(FRIENDS_PAGE).page().id();

        RestorePlan plan = plan(restore, target, List.of(), false);
        assertThat(plan.pages().keySet()).containsExactlyInAnyOrderElementsOf(
                restore.pages().keySet().stream().filter(id -> id != friends).toList());
        assertThat(plan.leftOut()).containsExactly(
                "friends page " + friends + " '" + FRIENDS_PAGE + "': shared by another user; --include-friends recreates it");

        RestorePlan withFriends = plan(restore, target, List.of(), true);
        assertThat(withFriends.pages().keySet()).containsExactlyInAnyOrderElementsOf(restore.pages().keySet());
        assertThat(withFriends.leftOut()).isEmpty();
    }

    @Test
    void onlyTheChosenPagesAndNoPageTheSnapshotLacks() {
        InMemoryAccount target = InMemoryRestore.newTarget();
        long kitchen = restore.page("Kitchen renovation").page().id();

        assertThat(plan(restore, target, List.of(kitchen), false).pages().keySet()).containsExactly(kitchen);
        assertThatThrownBy(() -> plan(restore, target, List.of(kitchen, 7L), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("snapshot " + restore.snapshotId + " has no page 7");
    }

    @Test
    void intoAnotherAccountEveryRecordIsACreate() {
        InMemoryAccount target = InMemoryRestore.newTarget();
        Collection<StoredPage> planned = restore.pages().values().stream().filter(p -> p.page().scope() != Scope.FRIENDS).toList();

        RestorePlan plan = plan(restore, target, List.of(), false);
        RestoreTally requests = plan.requests(restore.ledger, restore.accountId(target), false);

        assertThat(requests.count(Request.PAGES)).isEqualTo(planned.size());
        assertThat(requests.count(Request.NOTES)).isEqualTo(sum(planned, p -> p.page().notes().size()));
        assertThat(requests.count(Request.LISTS)).isEqualTo(sum(planned, p -> p.page().lists().size()));
        assertThat(requests.count(Request.ITEMS)).isEqualTo(sum(planned, p -> p.page().lists().stream().mapToLong(l -> l.items().size()).sum()));
        assertThat(requests.count(Request.SEPARATORS)).isEqualTo(sum(planned, p -> p.page().separators().size()));
        assertThat(requests.count(Request.TAGS)).isEqualTo(sum(planned, p -> p.page().tags().isEmpty() ? 0 : 1));
        assertThat(requests.count(Request.EMAILS_AS_NOTES)).isZero();
        assertThat(requests.count(Request.READS)).as("the target's page list, its user, users and calendars").isEqualTo(4);
        assertThat(plan.requests(restore.ledger, restore.accountId(target), true).count(Request.EMAILS_AS_NOTES)).isEqualTo(3);

        long lisbon = restore.page(WITH_FILES).page().id();
        long friends = restore.page(FRIENDS_PAGE).page().id();
        assertThat(plan.notRestored(false).stream().filter(line -> line.contains("page ")).toList()).as("of the pages").containsExactly(
                "friends page " + friends + " '" + FRIENDS_PAGE + "': shared by another user; --include-friends recreates it",
                "page " + lisbon + ": gallery 'Sintra photos' (" + restore.page(WITH_FILES).page().galleries().get(0).images().size()
                        + " images): the API has no way to upload image files",
                "page " + lisbon + ": attachment 'tap-boarding-passes.pdf': the API has no way to upload attachment files",
                "page " + lisbon + ": 3 email(s): the API cannot create emails; --emails-as-notes brings them back as notes");
        assertThat(plan.notRestored(true).stream().filter(line -> line.contains("page ")).toList()).as("with --emails-as-notes")
                .hasSize(3).noneMatch(line -> line.contains("email"));
    }

    @Test
    void recordsAlreadyMappedAreNotPlannedAgain() {
        InMemoryAccount target = InMemoryRestore.newTarget();
        StoredPage kitchen = restore.page("Kitchen renovation");
        RestoreLedger.Run run = restore.begin(target);
        restore.replay(run, target, kitchen, false);

        RestoreTally requests = plan(restore, target, List.of(kitchen.page().id()), false)
                .requests(restore.ledger, restore.accountId(target), false);

        assertThat(requests.total() - requests.count(Request.READS)).as("requests besides reads").isZero();
    }

    @Test
    void intoItsOwnAccountOnlyWhatIsGoneIsPlanned(@TempDir Path dir) {
        try (InMemoryRestore own = new InMemoryRestore(dir)) {
            Page garden = own.page("Garden").page();
            StoredPage groceries = own.page("Groceries");
            Page lisbon = own.page(WITH_FILES).page();
            own.source.data().destroyNote(garden.id(), garden.notes().get(0).id());
            own.source.data().destroyPage(groceries.page().id());

            RestorePlan plan = plan(own, own.source, List.of(), false);
            RestoreTally requests = plan.requests(own.ledger, own.accountId(own.source), false);

            assertThat(requests.count(Request.PAGES)).isEqualTo(1);
            assertThat(requests.count(Request.NOTES)).as("Garden's note").isEqualTo(1);
            assertThat(requests.count(Request.LISTS)).as("Groceries' list").isEqualTo(1);
            assertThat(requests.count(Request.ITEMS)).isEqualTo(groceries.page().lists().get(0).items().size());
            assertThat(requests.count(Request.SEPARATORS)).isZero();
            assertThat(requests.count(Request.TAGS)).as("only the page recreated is tagged").isEqualTo(1);
            long stillThere = plan.pages().size() - 1;
            assertThat(requests.count(Request.READS)).as("pages/all, what the account itself still has, then each page still there: once to plan, twice to replay")
                    .isEqualTo(1 + OWN_ACCOUNT_READS + stillThere + 2 * stillThere);
            assertThat(plan.notRestored(false)).as("the files and emails of a page still there are not lost")
                    .noneMatch(line -> line.startsWith("page " + lisbon.id()));
        }
    }

    @Test
    void intoItsOwnAccountARecordAnEarlierRestoreRecreatedIsFoundUnderItsNewId(@TempDir Path dir) {
        try (InMemoryRestore own = new InMemoryRestore(dir)) {
            StoredPage groceries = own.page("Groceries");
            own.source.data().destroyPage(groceries.page().id());
            RestoreLedger.Run earlier = own.begin(own.source);
            own.replay(earlier, own.source, groceries, false);
            long recreated = own.ledger.mapping(own.accountId(own.source), RestoreKind.PAGE, groceries.page().id()).targetId();
            assertThat(recreated).isNotEqualTo(groceries.page().id());

            RestorePlan plan = plan(own, own.source, List.of(groceries.page().id()), false);
            RestoreTally requests = plan.requests(own.ledger, own.accountId(own.source), false);

            assertThat(requests.total() - requests.count(Request.READS)).as("requests besides reads").isZero();
            assertThat(requests.count(Request.READS)).as("pages/all, the page to plan, twice to replay").isEqualTo(1 + 1 + 2);
        }
    }

    private static RestorePlan plan(InMemoryRestore from, InMemoryAccount target, List<Long> onlyPages, boolean includeFriends) {
        try (BackpackClient client = target.client()) {
            return RestorePlan.make(from.store.snapshots(), from.snapshotId, onlyPages, includeFriends, client, target == from.source,
                    from.ledger, from.accountId(target));
        }
    }

    private static long sum(Collection<StoredPage> pages, java.util.function.ToLongFunction<StoredPage> count) {
        return pages.stream().mapToLong(count).sum();
    }
}
