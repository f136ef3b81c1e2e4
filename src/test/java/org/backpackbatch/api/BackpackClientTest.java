package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the emulator over real HTTP: every record it returns is what the account holds. */
class BackpackClientTest {

    private BackpackEmulator emulator;
    private BackpackEmulator.HostedAccount account;
    private BackpackClient client;

    @BeforeEach
    void start() throws Exception {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(null));
        account = emulator.account("acme");
        client = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()), ClientSettings.defaults());
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void readsEveryPageAsTheAccountHoldsIt() {
        List<PageSummary> pages = client.pages();
        assertThat(pages).isEqualTo(account.data().allPages());
        for (PageSummary summary : pages) {
            assertThat(client.page(summary.id())).isEqualTo(account.data().page(summary.id()));
        }
    }

    @Test
    void writesThroughEveryKindOfCreateAndReadsThemBack() {
        PageSummary page = client.createPage("Weekend & more <plans>");
        var note = client.createNote(page.id(), "", "line one\nline two 日本語 🎒");
        var list = client.createList(page.id(), "Errands");
        Item first = client.createItem(page.id(), list.id(), "Bread", false);
        Item second = client.createItem(page.id(), list.id(), "Milk", true);
        var separator = client.createSeparator(page.id(), "Later");
        client.tagPage(page.id(), List.of("Home", "Long Reads"));

        Page shown = client.page(page.id());
        assertThat(shown.title()).isEqualTo("Weekend & more <plans>");
        assertThat(shown.notes()).singleElement().satisfies(n -> assertThat(n.body()).isEqualTo("line one\nline two 日本語 🎒"));
        assertThat(shown.lists().get(0).items()).extracting(Item::id).containsExactly(first.id(), second.id());
        assertThat(shown.separators()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(separator.id()));
        assertThat(shown.belongings()).extracting(b -> b.widgetId()).containsExactly(note.id(), list.id(), separator.id());
        assertThat(shown.tags()).extracting(t -> t.name()).containsExactly("Home", "Long Reads");

        client.toggleItem(page.id(), list.id(), second.id());
        client.moveItem(page.id(), list.id(), second.id(), BackpackClient.Direction.MOVE_TO_TOP);
        assertThat(client.items(page.id(), list.id())).extracting(Item::id).containsExactly(second.id(), first.id());
    }

    @Test
    void aMissingRecordIsNotFoundAndNeverRetried() {
        long before = account.requestCount();
        assertThatThrownBy(() -> client.page(999))
                .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(BackpackException.Kind.NOT_FOUND))
                .hasMessageContaining("Record not found");
        assertThat(account.requestCount() - before).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsAnAuthenticationFailureWithoutTheToken() {
        String wrong = "0123456789abcdef0123456789abcdef01234567";
        try (BackpackClient stranger = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(wrong), ClientSettings.defaults())) {
            assertThatThrownBy(stranger::pages)
                    .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(BackpackException.Kind.AUTHENTICATION))
                    .message().doesNotContain(wrong);
        }
    }
}
