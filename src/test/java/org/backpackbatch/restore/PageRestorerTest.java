package org.backpackbatch.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.backpackbatch.api.BackpackException;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.emulator.InMemoryAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One page replayed into an account in memory: a create whose answer was lost is settled by
 * adopting the exact match the target holds, never by creating it twice; a record already mapped
 * is skipped; creates that went nowhere are retried up to {@link MappedCreates.MAX_UNCERTAIN_CREATES}.
 */
class PageRestorerTest {

    /** Two notes, two lists of 6 and 3 items, a separator and a tag: one of every kind a restore creates. */
    private static final String PAGE = "Kitchen renovation";

    private static InMemoryRestore restore;
    private static StoredPage kitchen;
    private final InMemoryAccount target = InMemoryRestore.newTarget();

    @BeforeAll
    static void backUpTheDemoAccount(@TempDir Path dir) {
        restore = new InMemoryRestore(dir);
        kitchen = restore.page(PAGE);
    }

    @AfterAll
    static void close() {
        restore.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws/pages/new", "/notes/create", "/lists/add", "/items/add", "/separators.xml"})
    void aCreateWhoseAnswerWasLostIsAdoptedNotSentTwice(String create) {
        target.loseAnswers(create, 1);
        RestoreLedger.Run run = restore.begin(target);

        RestoreTally sent = restore.replay(run, target, kitchen, false);

        assertThat(targetContent()).as("the target's page").isEqualTo(RestoredContent.expected(List.of(kitchen), false));
        assertThat(sent(create)).as("requests to %s", create).isEqualTo(records(create));
        assertThat(sent.count(RestoreTally.Request.PAGES) + sent.count(RestoreTally.Request.NOTES) + sent.count(RestoreTally.Request.LISTS)
                + sent.count(RestoreTally.Request.ITEMS) + sent.count(RestoreTally.Request.SEPARATORS))
                .as("creates counted, the adopted one included").isEqualTo(1 + 2 + 2 + 9 + 1);
        assertThat(restore.ledger.mapping(run.targetAccountId(), RestoreKind.PAGE, kitchen.page().id()).targetId())
                .isEqualTo(onlyTargetPage().id());
    }

    @Test
    void aCreateAnEarlierRunSentIsAdoptedBeforeAnythingIsSent() {
        RestoreLedger.Run run = restore.begin(target);
        // the earlier run was killed after its create reached the account and before the answer was recorded
        restore.ledger.intend(run.targetAccountId(), RestoreKind.PAGE, kitchen.page().id());
        long arrived = target.data().createPage(PAGE).id();

        restore.replay(run, target, kitchen, false);

        assertThat(sent("/ws/pages/new")).isZero();
        assertThat(onlyTargetPage().id()).isEqualTo(arrived);
        assertThat(restore.ledger.mapping(run.targetAccountId(), RestoreKind.PAGE, kitchen.page().id()).targetId()).isEqualTo(arrived);
        assertThat(targetContent()).isEqualTo(RestoredContent.expected(List.of(kitchen), false));
    }

    @Test
    void aMatchThatIsAnotherSourceRecordsIsNeverAdopted() {
        RestoreLedger.Run run = restore.begin(target);
        long othersPage = target.data().createPage(PAGE).id();
        restore.ledger.learn(run.targetAccountId(), RestoreKind.PAGE, 42L, othersPage);
        restore.ledger.intend(run.targetAccountId(), RestoreKind.PAGE, kitchen.page().id());

        restore.replay(run, target, kitchen, false);

        assertThat(sent("/ws/pages/new")).as("the create the earlier run never got to send").isEqualTo(1);
        Long created = restore.ledger.mapping(run.targetAccountId(), RestoreKind.PAGE, kitchen.page().id()).targetId();
        assertThat(created).isNotEqualTo(othersPage);
        assertThat(target.data().allPages()).extracting(PageSummary::id).containsExactlyInAnyOrder(othersPage, created);
    }

    @Test
    void aSecondReplaySendsNoCreate() {
        RestoreLedger.Run run = restore.begin(target);
        restore.replay(run, target, kitchen, false);
        int first = target.unsafeRequests().size();

        RestoreTally again = restore.replay(run, target, kitchen, false);

        assertThat(target.unsafeRequests()).hasSize(first);
        assertThat(again.count(RestoreTally.Request.PAGES) + again.count(RestoreTally.Request.ITEMS) + again.count(RestoreTally.Request.TAGS))
                .isZero();
        assertThat(targetContent()).isEqualTo(RestoredContent.expected(List.of(kitchen), false));
    }

    @Test
    void createsThatWentNowhereAreSentAgainUpToTheBound() {
        target.dropRequests("/ws/pages/new", MappedCreates.MAX_UNCERTAIN_CREATES - 1);
        RestoreLedger.Run run = restore.begin(target);

        restore.replay(run, target, kitchen, false);

        assertThat(sent("/ws/pages/new")).isEqualTo(MappedCreates.MAX_UNCERTAIN_CREATES);
        assertThat(targetContent()).isEqualTo(RestoredContent.expected(List.of(kitchen), false));
    }

    @Test
    void pastTheBoundTheRecordStaysInFlightForTheNextRun() {
        target.dropRequests("/ws/pages/new", MappedCreates.MAX_UNCERTAIN_CREATES);
        RestoreLedger.Run run = restore.begin(target);

        assertThatThrownBy(() -> restore.replay(run, target, kitchen, false))
                .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(BackpackException.Kind.UNCERTAIN));

        assertThat(sent("/ws/pages/new")).isEqualTo(MappedCreates.MAX_UNCERTAIN_CREATES);
        assertThat(target.data().allPages()).isEmpty();
        assertThat(restore.ledger.mapping(run.targetAccountId(), RestoreKind.PAGE, kitchen.page().id()).inFlight()).isTrue();

        restore.replay(run, target, kitchen, false);
        assertThat(sent("/ws/pages/new")).isEqualTo(MappedCreates.MAX_UNCERTAIN_CREATES + 1);
        assertThat(targetContent()).isEqualTo(RestoredContent.expected(List.of(kitchen), false));
    }

    private Page onlyTargetPage() {
        List<PageSummary> pages = target.data().allPages();
        assertThat(pages).as("pages of the target").hasSize(1);
        return target.data().page(pages.get(0).id());
    }

    private List<RestoredContent.PageContent> targetContent() {
        return RestoredContent.actual(List.of(new StoredPage(onlyTargetPage().withScope(Scope.PERSONAL), List.of())));
    }

    private long sent(String create) {
        return target.unsafeRequests().stream().filter(path -> path.endsWith(create)).count();
    }

    /** How many records of the page a create endpoint makes. */
    private long records(String create) {
        Page page = kitchen.page();
        return switch (create) {
            case "/ws/pages/new" -> 1;
            case "/notes/create" -> page.notes().size();
            case "/lists/add" -> page.lists().size();
            case "/items/add" -> page.lists().stream().mapToLong(list -> list.items().size()).sum();
            case "/separators.xml" -> page.separators().size();
            default -> throw new IllegalArgumentException(create);
        };
    }
}
