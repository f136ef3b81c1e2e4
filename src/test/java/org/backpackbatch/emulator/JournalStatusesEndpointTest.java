package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The statuses and journal endpoints (HTTP Basic), over real HTTP against the demo account. */
class JournalStatusesEndpointTest {

    @RegisterExtension
    final LiveAccount acme = LiveAccount.demo();

    private User sam;
    private User alex;

    @BeforeEach
    void users() {
        sam = acme.data().users().get(0);
        alex = acme.data().users().get(1);
    }

    // ---- authentication -----------------------------------------------------------------

    @Test
    void httpBasicWithTheTokenLetsInAndAnythingElseIsRefused() {
        assertThat(acme.basic("GET", "/statuses.xml", null).status()).isEqualTo(200);

        LiveAccount.assertAnswer(RawHttp.send("GET", acme.url("/statuses.xml"), null), 401, LiveAccount.ACCESS_DENIED);
        LiveAccount.assertAnswer(RawHttp.send("GET", acme.url("/journal_entries.xml"), null,
                RawHttp.basic("0123456789abcdef0123456789abcdef01234567")), 401, LiveAccount.ACCESS_DENIED);
        LiveAccount.assertAnswer(RawHttp.send("PUT", acme.url("/users/" + sam.id() + "/status.xml"),
                "<status><message>no token</message></status>"), 401, LiveAccount.ACCESS_DENIED);
    }

    // ---- statuses -----------------------------------------------------------------------

    @Test
    void statusesListsTheStatusesThatAreSetWithTheirUsers() {
        Status samsStatus = acme.data().status(sam.id());

        LiveAccount.assertAnswer(acme.basic("GET", "/statuses.xml", null), 200, "<statuses type=\"array\">" + samsStatusXml(samsStatus.id())
                + "</statuses>");
        LiveAccount.assertAnswer(acme.basic("GET", "/users/" + sam.id() + "/status.xml", null), 200, samsStatusXml(samsStatus.id()));
    }

    @Test
    void theStatusOfAUserWhoNeverSetOneIsNotFound() {
        LiveAccount.assertAnswer(acme.basic("GET", "/users/" + alex.id() + "/status.xml", null), 404, LiveAccount.NOT_FOUND);
        LiveAccount.assertAnswer(acme.basic("GET", "/users/999/status.xml", null), 404, LiveAccount.NOT_FOUND);
    }

    @Test
    void putSetsOnesOwnStatusAndOnlyOnesOwn() {
        long id = acme.data().status(sam.id()).id();
        Instant before = Instant.now().minusSeconds(1);

        RawHttp.Reply reply = acme.basic("PUT", "/users/" + sam.id() + "/status.xml", "<status><message>Off to Lisbon &amp; Sintra</message></status>");

        assertThat(reply.status()).isEqualTo(200);
        Status updated = BackpackXmlReader.readStatus(LiveAccount.stream(reply.body()));
        assertThat(reply.body()).isEqualTo("<status><id type=\"integer\">" + id + "</id><message>Off to Lisbon &amp; Sintra</message>"
                + "<updated-at type=\"datetime\">" + updated.updatedAt() + "</updated-at><user-id type=\"integer\">" + sam.id() + "</user-id>"
                + "<user><id type=\"integer\">" + sam.id() + "</id><name>Sam Harper</name></user></status>");
        assertThat(Instant.parse(updated.updatedAt())).isAfter(before);
        assertThat(BackpackXmlReader.readStatuses(LiveAccount.stream(acme.basic("GET", "/statuses.xml", null).body()))).containsExactly(updated);

        LiveAccount.assertAnswer(acme.basic("PUT", "/users/" + alex.id() + "/status.xml", "<status><message>Not mine</message></status>"),
                403, LiveAccount.FORBIDDEN);
        LiveAccount.assertAnswer(acme.basic("GET", "/users/" + alex.id() + "/status.xml", null), 404, LiveAccount.NOT_FOUND);
        LiveAccount.assertAnswer(acme.basic("PUT", "/users/" + sam.id() + "/status.xml", "<status/>"), 500, LiveAccount.BAD_INPUT);
    }

    // ---- journal ------------------------------------------------------------------------

    @Test
    void journalListsEveryonesEntriesNewestFirstEachWithItsUser() {
        String body = acme.basic("GET", "/journal_entries.xml", null).body();

        List<JournalEntry> entries = BackpackXmlReader.readJournalEntries(LiveAccount.stream(body));
        assertThat(entries).extracting(JournalEntry::createdAt).containsExactly("2008-06-15T08:20:37Z", "2008-02-03T16:02:18Z",
                "2007-09-30T22:14:51Z", "2007-08-04T11:05:40Z", "2007-03-12T21:45:03Z");
        assertThat(body).startsWith("<journal-entries type=\"array\"><journal-entry><id type=\"integer\">" + entries.get(0).id() + "</id>"
                + "<body>Ramen &lt;3 — must learn to make the broth.\nKenji says: patience &amp; pork bones.</body>"
                + "<created-at type=\"datetime\">2008-06-15T08:20:37Z</created-at><updated-at type=\"datetime\">2008-06-16T19:41:09Z</updated-at>"
                + "<user-id type=\"integer\">" + sam.id() + "</user-id><user><id type=\"integer\">" + sam.id() + "</id>"
                + "<name>Sam Harper</name></user></journal-entry><journal-entry>");
        assertThat(journal("/users/" + alex.id() + "/journal_entries.xml")).extracting(JournalEntry::userName)
                .containsExactly("Alex Harper", "Alex Harper");
        LiveAccount.assertAnswer(acme.basic("GET", "/users/999/journal_entries.xml", null), 404, LiveAccount.NOT_FOUND);
    }

    @Test
    void pagesAreNumberedFromZeroWithCountEntriesAtMostAHundred() {
        try (LiveAccount generated = LiveAccount.start(LiveAccount.unlimited().withAccounts(List.of(new AccountSpec("gen", "250"))), "gen")) {
            List<JournalEntry> all = generated.data().journal().all();
            assertThat(all).hasSize(250);

            assertThat(journal(generated, "/journal_entries.xml")).isEqualTo(all.subList(0, 100));
            assertThat(journal(generated, "/journal_entries.xml?n=0&count=100")).isEqualTo(all.subList(0, 100));
            assertThat(journal(generated, "/journal_entries.xml?n=1&count=100")).isEqualTo(all.subList(100, 200));
            assertThat(journal(generated, "/journal_entries.xml?n=2&count=100")).isEqualTo(all.subList(200, 250));
            LiveAccount.assertAnswer(generated.basic("GET", "/journal_entries.xml?n=3&count=100", null), 200,
                    "<journal-entries type=\"array\"/>");
            assertThat(journal(generated, "/journal_entries.xml?count=7&n=2")).isEqualTo(all.subList(14, 21));
            assertThat(journal(generated, "/journal_entries.xml?n=0&count=250")).as("count is capped at 100").isEqualTo(all.subList(0, 100));
            assertThat(journal(generated, "/journal_entries.xml?n=1&count=101")).isEqualTo(all.subList(100, 200));

            long user = generated.data().users().get(1).id();
            List<JournalEntry> theirs = all.stream().filter(entry -> entry.userId() == user).toList();
            assertThat(journal(generated, "/users/" + user + "/journal_entries.xml?n=0&count=100")).isEqualTo(theirs);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?count=0", "?count=-5", "?n=-1", "?n=first", "?count=ten", "?n=99999999999"})
    void aPageNumberOrSizeThatIsNotAWholeNumberInRangeIsBadInput(String query) {
        LiveAccount.assertAnswer(acme.basic("GET", "/journal_entries.xml" + query, null), 500, LiveAccount.BAD_INPUT);
    }

    @Test
    void createAnswers201WithLocationAndTheNewestEntry() {
        RawHttp.Reply reply = acme.basic("POST", "/users/" + sam.id() + "/journal_entries.xml",
                "<journal-entry><body>Back home.\nLisbon was &lt;3</body></journal-entry>");

        assertThat(reply.status()).isEqualTo(201);
        JournalEntry created = BackpackXmlReader.readJournalEntry(LiveAccount.stream(reply.body()));
        assertThat(reply.body()).isEqualTo("<journal-entry><id type=\"integer\">" + created.id() + "</id>"
                + "<body>Back home.\nLisbon was &lt;3</body><created-at type=\"datetime\">" + created.createdAt() + "</created-at>"
                + "<updated-at type=\"datetime\">" + created.createdAt() + "</updated-at><user-id type=\"integer\">" + sam.id() + "</user-id>"
                + "<user><id type=\"integer\">" + sam.id() + "</id><name>Sam Harper</name></user></journal-entry>");
        assertThat(acme.resolve(reply.header("Location"))).isEqualTo(acme.url("/journal_entries/" + created.id() + ".xml"));
        assertThat(journal("/journal_entries.xml")).first().isEqualTo(created);
    }

    @Test
    void onlyOnesOwnJournalIsWritten() {
        JournalEntry alexs = journal("/users/" + alex.id() + "/journal_entries.xml").get(0);
        String alexsPath = "/journal_entries/" + alexs.id() + ".xml";

        LiveAccount.assertAnswer(acme.basic("POST", "/users/" + alex.id() + "/journal_entries.xml",
                "<journal-entry><body>As Alex</body></journal-entry>"), 403, LiveAccount.FORBIDDEN);
        LiveAccount.assertAnswer(acme.basic("PUT", alexsPath, "<journal-entry><body>Rewritten</body></journal-entry>"),
                403, LiveAccount.FORBIDDEN);
        LiveAccount.assertAnswer(acme.basic("DELETE", alexsPath, null), 403, LiveAccount.FORBIDDEN);

        assertThat(journal("/users/" + alex.id() + "/journal_entries.xml")).first().isEqualTo(alexs);
    }

    @Test
    void updateRewritesOnesOwnEntryAndDeleteAnswers204() {
        JournalEntry sams = journal("/users/" + sam.id() + "/journal_entries.xml").get(0);
        String path = "/journal_entries/" + sams.id() + ".xml";

        RawHttp.Reply updated = acme.basic("PUT", path, "<journal-entry><body>Ramen, finally.</body></journal-entry>");

        assertThat(updated.status()).isEqualTo(200);
        JournalEntry entry = BackpackXmlReader.readJournalEntry(LiveAccount.stream(updated.body()));
        assertThat(entry).extracting(JournalEntry::id, JournalEntry::body, JournalEntry::createdAt)
                .containsExactly(sams.id(), "Ramen, finally.", "2008-06-15T08:20:37Z");
        assertThat(entry.updatedAt()).isNotEqualTo(sams.updatedAt());

        RawHttp.Reply deleted = acme.basic("DELETE", path, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(journal("/journal_entries.xml")).extracting(JournalEntry::id).hasSize(4).doesNotContain(sams.id());
        LiveAccount.assertAnswer(acme.basic("DELETE", path, null), 404, LiveAccount.NOT_FOUND);
        LiveAccount.assertAnswer(acme.basic("PUT", path, "<journal-entry><body>x</body></journal-entry>"), 404, LiveAccount.NOT_FOUND);
    }

    private String samsStatusXml(long id) {
        return "<status><id type=\"integer\">" + id + "</id><message>Choosing tiles for the kitchen</message>"
                + "<updated-at type=\"datetime\">2007-08-11T09:20:44Z</updated-at><user-id type=\"integer\">" + sam.id() + "</user-id>"
                + "<user><id type=\"integer\">" + sam.id() + "</id><name>Sam Harper</name></user></status>";
    }

    private List<JournalEntry> journal(String path) {
        return journal(acme, path);
    }

    private static List<JournalEntry> journal(LiveAccount account, String path) {
        RawHttp.Reply reply = account.basic("GET", path, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return BackpackXmlReader.readJournalEntries(LiveAccount.stream(reply.body()));
    }
}
