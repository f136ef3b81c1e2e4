package org.backpackbatch.emulator.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpackbatch.api.model.CurrentUser;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.User;
import org.junit.jupiter.api.Test;

class AccountSeedTest {

    private static final Page FIRST = Page.empty(1, "First", Scope.PERSONAL, "aaaaa@acme.backpackit.com");
    private static final Page SECOND = Page.empty(2, "Second", Scope.PERSONAL, "bbbbb@acme.backpackit.com");
    private static final Email HELLO = new Email(10, "Hello", "2006-01-02 03:04:05", "Hi there");
    private static final CurrentUser OWNER = new CurrentUser(20, "Sam", "sam@example.com", null, "UTC");

    @Test
    void laterChangesToTheGivenCollectionsDoNotReachTheSeed() {
        List<Page> pages = new ArrayList<>(List.of(FIRST));
        List<Email> emails = new ArrayList<>(List.of(HELLO));
        Map<Long, List<Email>> emailsByPage = new LinkedHashMap<>(Map.of(1L, emails));

        AccountSeed seed = seed(pages, emailsByPage);
        pages.add(SECOND);
        emails.clear();
        emailsByPage.put(2L, List.of(HELLO));

        assertThat(seed.pages()).containsExactly(FIRST);
        assertThat(seed.emailsByPage()).containsOnlyKeys(1L);
        assertThat(seed.emailsByPage().get(1L)).containsExactly(HELLO);
    }

    @Test
    void cannotBeChangedThroughItsCollections() {
        AccountSeed seed = seed(List.of(FIRST), Map.of(1L, List.of(HELLO)));

        assertThatThrownBy(() -> seed.pages().add(SECOND)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> seed.emailsByPage().put(2L, List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> seed.emailsByPage().get(1L).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsTheOrderOfThePagesWithEmails() {
        Map<Long, List<Email>> emailsByPage = new LinkedHashMap<>();
        for (long pageId = 100; pageId > 0; pageId--) {
            emailsByPage.put(pageId, List.of(HELLO));
        }

        AccountSeed seed = seed(List.of(), emailsByPage);

        assertThat(seed.emailsByPage().keySet()).containsExactlyElementsOf(emailsByPage.keySet());
    }

    @Test
    void needsItsOwnerFirstAmongItsUsers() {
        assertThatThrownBy(() -> new AccountSeed(List.of(), Map.of(), OWNER, List.of(new User(21, "Alex"), OWNER.user()),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner");
    }

    @Test
    void anEmptyAccountHasOnlyItsOwnerNamedAfterIt() {
        AccountSeed empty = AccountSeed.empty("target", IdSequence.startingAt(7));

        assertThat(empty.pages()).isEmpty();
        assertThat(empty.owner()).isEqualTo(new CurrentUser(7, "Target", "target@example.com", null, "UTC"));
        assertThat(empty.users()).containsExactly(new User(7, "Target"));
        assertThat(List.of(empty.reminders(), empty.journal(), empty.statuses(), empty.calendars(), empty.events(), empty.bookmarks()))
                .allMatch(List::isEmpty);
    }

    private static AccountSeed seed(List<Page> pages, Map<Long, List<Email>> emailsByPage) {
        return new AccountSeed(pages, emailsByPage, OWNER, List.of(OWNER.user()), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }
}
