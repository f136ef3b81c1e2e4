package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.WidgetType;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tag, separator and email endpoints of the emulator, over real HTTP, against the demo account. */
class TagsSeparatorsEmailsEndpointTest {

    @RegisterExtension
    final LiveAccount acme = LiveAccount.demo();

    // ---- tags ---------------------------------------------------------------------------

    @Test
    void tagReplacesThePagesTagsWithQuotedNamesKeptWhole() {
        long groceries = acme.pageId("Groceries");

        acme.done("/ws/page/" + groceries + "/tags/tag", "<tags>Music \"Long Scores\" Jazz</tags>");

        assertThat(acme.page(groceries).tags()).extracting(Tag::name).containsExactly("Music", "Long Scores", "Jazz");
    }

    @Test
    void selectAnswersThePagesCarryingTheTagAsTaggingLeavesThem() {
        long groceries = acme.pageId("Groceries");
        Tag food = tagNamed(groceries, "Food");
        Tag home = tagNamed(groceries, "Home");

        acme.done("/ws/page/" + groceries + "/tags/tag", "<tags>Music \"Long Scores\" Jazz</tags>");

        Tag longScores = tagNamed(groceries, "Long Scores");
        assertThat(acme.ok("/ws/tags/select/" + longScores.id(), "").body()).isEqualTo(
                "<response success='true'><pages><page id='" + groceries + "' title='Groceries'/></pages></response>");
        assertThat(selected(food)).containsExactly("Recipes");
        assertThat(selected(home)).containsExactly("Kitchen renovation", "Garden");
    }

    @Test
    void tagReusesTheAccountsTagOfThatName() {
        long lisbon = acme.pageId("Lisbon & Sintra, May 2007");
        long groceries = acme.pageId("Groceries");
        Tag travel = tagNamed(lisbon, "Travel");

        acme.done("/ws/page/" + groceries + "/tags/tag", "<tags>Travel</tags>");

        assertThat(acme.page(groceries).tags()).containsExactly(travel);
        assertThat(selected(travel)).containsExactly("Lisbon & Sintra, May 2007", "Groceries", "Japan, someday");
    }

    @Test
    void tagWithNoNamesClearsThePagesTags() {
        long groceries = acme.pageId("Groceries");
        Tag food = tagNamed(groceries, "Food");

        acme.done("/ws/page/" + groceries + "/tags/tag", "<tags></tags>");

        assertThat(acme.page(groceries).tags()).isEmpty();
        assertThat(selected(food)).containsExactly("Recipes");
    }

    @Test
    void selectOfAnUnknownTagIsNotFound() {
        acme.assertNotFound("/ws/tags/select/999", "");
    }

    // ---- separators ---------------------------------------------------------------------

    @Test
    void createAnswers201WithLocationAndTheTypedSeparatorAndAddsItsBelongingAtTheEnd() {
        long recipes = acme.pageId("Recipes");

        RawHttp.Reply reply = acme.send("POST", "/pages/" + recipes + "/separators.xml", "<separator><name>Desserts</name></separator>");

        assertThat(reply.status()).isEqualTo(201);
        Separator created = BackpackXmlReader.readSeparatorResource(LiveAccount.stream(reply.body())).separator();
        assertThat(reply.body()).isEqualTo("<separator><id type=\"integer\">" + created.id() + "</id><name>Desserts</name>"
                + "<page-id type=\"integer\">" + recipes + "</page-id></separator>");
        assertThat(acme.resolve(reply.header("Location"))).isEqualTo(acme.url("/pages/" + recipes + "/separators/" + created.id() + ".xml"));
        Page page = acme.page(recipes);
        assertThat(page.belongings()).hasSize(4).last()
                .extracting(Belonging::position, Belonging::widgetType, Belonging::widgetId)
                .containsExactly(4, WidgetType.SEPARATOR, created.id());
        assertThat(page.separators()).containsExactly(new Separator(created.id(), "Desserts"));
    }

    @Test
    void updateAtTheCreatedLocationAnswers200WithTheRenamedSeparator() {
        long recipes = acme.pageId("Recipes");
        RawHttp.Reply created = acme.send("POST", "/pages/" + recipes + "/separators.xml", "<separator><name>Desserts</name></separator>");
        long separatorId = BackpackXmlReader.readSeparatorResource(LiveAccount.stream(created.body())).separator().id();
        String request = "<request><token>" + acme.token() + "</token><separator><name>Puddings</name></separator></request>";

        RawHttp.Reply reply = RawHttp.send("PUT", acme.resolve(created.header("Location")), request);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("<separator><id type=\"integer\">" + separatorId + "</id><name>Puddings</name>"
                + "<page-id type=\"integer\">" + recipes + "</page-id></separator>");
        assertThat(acme.page(recipes).separators()).containsExactly(new Separator(separatorId, "Puddings"));
    }

    @Test
    void deleteAnswers204AndRemovesTheSeparatorAndItsBelonging() {
        long lisbon = acme.pageId("Lisbon & Sintra, May 2007");
        Separator dayByDay = acme.page(lisbon).separators().get(0);
        String path = "/pages/" + lisbon + "/separators/" + dayByDay.id() + ".xml";

        RawHttp.Reply reply = acme.send("DELETE", path, "");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
        assertSeparatorGone(lisbon, dayByDay);
        LiveAccount.assertAnswer(acme.send("DELETE", path, ""), 404, LiveAccount.NOT_FOUND);
        LiveAccount.assertAnswer(acme.send("PUT", path, "<separator><name>N</name></separator>"), 404, LiveAccount.NOT_FOUND);
    }

    @Test
    void wsDestroyRemovesTheSeparatorAndItsBelonging() {
        long lisbon = acme.pageId("Lisbon & Sintra, May 2007");
        Separator dayByDay = acme.page(lisbon).separators().get(0);

        acme.done("/ws/page/" + lisbon + "/separators/destroy/" + dayByDay.id(), "");

        assertSeparatorGone(lisbon, dayByDay);
        acme.assertNotFound("/ws/page/" + lisbon + "/separators/destroy/" + dayByDay.id(), "");
    }

    // ---- emails -------------------------------------------------------------------------

    @Test
    void listAnswersThePagesEmails() {
        long lisbon = acme.pageId("Lisbon & Sintra, May 2007");

        String body = acme.ok("/ws/page/" + lisbon + "/emails/list", "").body();

        List<Email> emails = BackpackXmlReader.readEmails(LiveAccount.stream(body));
        assertThat(emails).extracting(Email::title).containsExactly("Booking confirmation: Hotel Avenida Palace",
                "Your TAP Portugal e-ticket", "Fwd: Sintra tips from Inês");
        assertThat(body).startsWith("<response success='true'><emails><email id='" + emails.get(0).id()
                + "' title='Booking confirmation: Hotel Avenida Palace' created_at='2007-03-12 20:58:03'>Dear Mr. Harper,\n");
        assertThat(acme.ok("/ws/page/" + acme.pageId("Recipes") + "/emails/list", "").body())
                .isEqualTo("<response success='true'><emails/></response>");
    }

    @Test
    void showAnswersOneEmail() {
        long lisbon = acme.pageId("Lisbon & Sintra, May 2007");
        Email ticket = emails(lisbon).get(1);

        assertThat(acme.ok("/ws/page/" + lisbon + "/emails/show/" + ticket.id(), "").body()).isEqualTo(
                "<response success='true'><email id='" + ticket.id() + "' title='Your TAP Portugal e-ticket'"
                + " created_at='2007-03-20 09:14:47'>Booking reference: K7QX2M\n"
                + "TP 1351 LHR-LIS, 14 May 2007, departs 12:30\n"
                + "TP 1356 LIS-LHR, 17 May 2007, departs 18:05</email></response>");
    }

    @Test
    void destroyRemovesTheEmail() {
        long lisbon = acme.pageId("Lisbon & Sintra, May 2007");
        Email ticket = emails(lisbon).get(1);

        acme.done("/ws/page/" + lisbon + "/emails/destroy/" + ticket.id(), "");

        assertThat(emails(lisbon)).extracting(Email::id).hasSize(2).doesNotContain(ticket.id());
        acme.assertNotFound("/ws/page/" + lisbon + "/emails/show/" + ticket.id(), "");
        acme.assertNotFound("/ws/page/" + lisbon + "/emails/destroy/" + ticket.id(), "");
    }

    @Test
    void anEmailIsFoundOnlyOnItsOwnPage() {
        long ticket = emails(acme.pageId("Lisbon & Sintra, May 2007")).get(1).id();

        acme.assertNotFound("/ws/page/" + acme.pageId("Recipes") + "/emails/show/" + ticket, "");
        acme.assertNotFound("/ws/page/999/emails/list", "");
    }

    private Tag tagNamed(long pageId, String name) {
        return acme.page(pageId).tags().stream().filter(tag -> tag.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("page " + pageId + " has no tag " + name));
    }

    private List<String> selected(Tag tag) {
        return acme.read("/ws/tags/select/" + tag.id(), "", BackpackXmlReader::readPageSummaries).stream()
                .map(PageSummary::title).toList();
    }

    private List<Email> emails(long pageId) {
        return acme.read("/ws/page/" + pageId + "/emails/list", "", BackpackXmlReader::readEmails);
    }

    private void assertSeparatorGone(long pageId, Separator separator) {
        Page page = acme.page(pageId);
        assertThat(page.separators()).doesNotContain(separator);
        assertThat(page.belongings()).extracting(Belonging::widgetId).doesNotContain(separator.id());
        assertThat(page.belongings()).extracting(Belonging::position).containsExactly(1, 2, 3, 4, 5);
    }
}
