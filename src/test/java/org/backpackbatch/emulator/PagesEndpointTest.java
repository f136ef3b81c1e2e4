package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backpackbatch.api.model.Attachment;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Gallery;
import org.backpackbatch.api.model.Image;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.WidgetType;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The page endpoints of the emulator, over real HTTP, against the demo account. */
class PagesEndpointTest {

    private static final String LISBON = "Lisbon & Sintra, May 2007";

    @RegisterExtension
    final LiveAccount acme = LiveAccount.demo();

    @Test
    void allListsEveryPageWithItsScope() {
        long wedding = acme.pageId("Anna & Tom's wedding");
        long recipes = acme.pageId("Recipes");

        String body = acme.ok("/ws/pages/all", "").body();

        assertThat(body).startsWith("<response success='true'><pages><page id='").endsWith("/></pages></response>")
                .contains("<page id='" + wedding + "' title='Anna &amp; Tom&apos;s wedding' scope='friends'/>")
                .contains("<page id='" + recipes + "' title='Recipes' scope='personal'/>");
        assertThat(acme.pages()).hasSize(10)
                .filteredOn(page -> page.scope() == Scope.FRIENDS).extracting(PageSummary::id).containsExactly(wedding);
    }

    @Test
    void searchFindsTitlesAndContentCaseInsensitivelyAndAnswersWithoutScope() {
        long recipes = acme.pageId("Recipes");
        long groceries = acme.pageId("Groceries");

        // "Gruyère" is in a note on Recipes and in an item on Groceries, in no title
        String body = acme.ok("/ws/pages/search", "<term>GRUYÈRE</term>").body();

        assertThat(body).isEqualTo("<response success='true'><pages><page id='" + recipes + "' title='Recipes'/>"
                + "<page id='" + groceries + "' title='Groceries'/></pages></response>");
        assertThat(acme.read("/ws/pages/search", "<term>kitchen</term>", BackpackXmlReader::readPageSummaries))
                .extracting(PageSummary::title).containsExactly("Kitchen renovation");
    }

    @Test
    void newAnswersThePageWithoutScopeAndAddsAnEmptyPersonalPage() {
        String body = acme.ok("/ws/pages/new", "<page><title>Fresh &amp; new</title></page>").body();

        PageSummary created = BackpackXmlReader.readPageSummary(LiveAccount.stream(body));
        assertThat(body).isEqualTo("<response success='true'><page id='" + created.id() + "' title='Fresh &amp; new'/></response>");
        assertThat(acme.pages()).endsWith(new PageSummary(created.id(), "Fresh & new", Scope.PERSONAL));
        Page page = acme.page(created.id());
        assertThat(page.belongings()).isEmpty();
        assertThat(page.notes()).isEmpty();
        assertThat(page.lists()).isEmpty();
        assertThat(page.tags()).isEmpty();
    }

    @Test
    void showAnswersTheFullPageInThePublishedShape() {
        long pageId = acme.newPage("Trip planning");
        Note hotel = acme.newNote(pageId, "Hotel", "Two nights, late check-in");
        ItemList packing = acme.newList(pageId, "Packing");
        Item passport = acme.newItem(pageId, packing.id(), "Passport", false);
        Item charger = acme.newItem(pageId, packing.id(), "Charger", true);
        Separator dayOne = BackpackXmlReader.readSeparatorResource(LiveAccount.stream(
                acme.send("POST", "/pages/" + pageId + "/separators.xml", "<separator><name>Day one</name></separator>").body())).separator();
        acme.done("/ws/page/" + pageId + "/tags/tag", "<tags>Travel</tags>");

        String body = acme.ok("/ws/page/" + pageId, "").body();

        Page page = BackpackXmlReader.readPage(LiveAccount.stream(body));
        List<Belonging> belongings = page.belongings();
        Tag travel = page.tags().get(0);
        assertThat(body).isEqualTo("<response success='true'>"
                + "<page id='" + pageId + "' title='Trip planning' email_address='" + page.emailAddress() + "'>"
                + "<belongings>"
                + "<belonging id='" + belongings.get(0).id() + "'><position>1</position><widget type='Note' id='" + hotel.id() + "'/></belonging>"
                + "<belonging id='" + belongings.get(1).id() + "'><position>2</position><widget type='List' id='" + packing.id() + "'/></belonging>"
                + "<belonging id='" + belongings.get(2).id() + "'><position>3</position><widget type='Separator' id='" + dayOne.id() + "'/></belonging>"
                + "</belongings>"
                + "<notes><note id='" + hotel.id() + "' title='Hotel' created_at='" + hotel.createdAt() + "'>Two nights, late check-in</note></notes>"
                + "<lists><list id='" + packing.id() + "' name='Packing'><items>"
                + "<item id='" + passport.id() + "' completed='false'>Passport</item>"
                + "<item id='" + charger.id() + "' completed=\"true\">Charger</item>"
                + "</items></list></lists>"
                + "<separators><separator id='" + dayOne.id() + "' name='Day one'/></separators>"
                + "<tags><tag id='" + travel.id() + "' name='Travel'/></tags>"
                + "</page></response>");
        assertThat(page.emailAddress()).matches("[a-z0-9]{5}@acme\\.backpackit\\.com");
        assertThat(hotel.createdAt()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void showCarriesGalleriesAndAttachmentsAsBelongings() {
        Page lisbon = acme.page(acme.pageId(LISBON));

        assertThat(lisbon.belongings()).extracting(Belonging::position).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(lisbon.belongings()).extracting(Belonging::widgetType).containsExactly(
                WidgetType.NOTE, WidgetType.LIST, WidgetType.SEPARATOR, WidgetType.NOTE, WidgetType.GALLERY, WidgetType.ASSET);
        assertThat(lisbon.galleries()).singleElement().extracting(gallery -> gallery.images().size()).isEqualTo(3);
        assertThat(lisbon.attachments()).singleElement().extracting(Attachment::fileName)
                .isEqualTo("tap-boarding-passes.pdf");
        assertThat(lisbon.scope()).as("the full page carries no scope").isNull();
    }

    @Test
    void reorderPutsTheBelongingsInTheGivenOrder() {
        long pageId = acme.pageId(LISBON);
        List<Belonging> before = acme.page(pageId).belongings();
        List<Belonging> reversed = new ArrayList<>(before);
        Collections.reverse(reversed);
        String ids = reversed.stream().map(belonging -> Long.toString(belonging.id())).collect(Collectors.joining(" "));

        acme.done("/ws/page/" + pageId + "/reorder", "<belongings>" + ids + "</belongings>");

        List<Belonging> after = acme.page(pageId).belongings();
        assertThat(after).extracting(Belonging::id).containsExactlyElementsOf(reversed.stream().map(Belonging::id).toList());
        assertThat(after).extracting(Belonging::position).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(after.get(0).widgetType()).isEqualTo(WidgetType.ASSET);
    }

    @Test
    void destroyRemovesThePageSoThatItAnswers404() {
        long pageId = acme.pageId("Garden");

        acme.done("/ws/page/" + pageId + "/destroy", "");

        acme.assertNotFound("/ws/page/" + pageId, "");
        acme.assertNotFound("/ws/page/" + pageId + "/notes/list", "");
        acme.assertNotFound("/ws/page/" + pageId + "/destroy", "");
        assertThat(acme.pages()).hasSize(9).extracting(PageSummary::id).doesNotContain(pageId);
    }

    @Test
    void updateTitleRenamesThePage() {
        long pageId = acme.pageId("Someday");

        acme.done("/ws/page/" + pageId + "/update_title", "<page><title>Someday &lt;maybe&gt;</title></page>");

        assertThat(acme.page(pageId).title()).isEqualTo("Someday <maybe>");
        assertThat(acme.pages()).contains(new PageSummary(pageId, "Someday <maybe>", Scope.PERSONAL));
    }

    @Test
    void duplicateCopiesThePageContentUnderNewIds() {
        long pageId = acme.pageId(LISBON);
        Page original = acme.page(pageId);

        String body = acme.ok("/ws/page/" + pageId + "/duplicate", "").body();

        PageSummary copy = BackpackXmlReader.readPageSummary(LiveAccount.stream(body));
        assertThat(body).isEqualTo("<response success='true'><page id='" + copy.id() + "' title='Lisbon &amp; Sintra, May 2007'/></response>");
        Page duplicate = acme.page(copy.id());
        assertThat(layout(duplicate)).isEqualTo(layout(original)).hasSize(6);
        assertThat(duplicate.tags()).isEqualTo(original.tags());
        Set<Long> copyIds = ids(duplicate);
        assertThat(copyIds).doesNotContainAnyElementsOf(ids(original));
        assertThat(copyIds).hasSize(idCount(duplicate));
        assertThat(acme.page(pageId)).as("the original is untouched").isEqualTo(original);
        assertThat(acme.pages()).contains(new PageSummary(copy.id(), LISBON, Scope.PERSONAL));
    }

    @Test
    void shareAnswersEmptySuccessAndKeepsThePage() {
        long pageId = acme.pageId("Recipes");
        Page before = acme.page(pageId);

        acme.done("/ws/page/" + pageId + "/share",
                "<email_addresses>ann@example.com\n tom@example.com</email_addresses><page><public>1</public></page>");
        acme.done("/ws/page/" + pageId + "/share", "");

        assertThat(acme.page(pageId)).isEqualTo(before);
        acme.assertNotFound("/ws/page/999/share", "");
    }

    @Test
    void unshareFriendPageRemovesAPageSharedWithTheAccount() {
        long wedding = acme.pageId("Anna & Tom's wedding");

        acme.done("/ws/page/" + wedding + "/unshare_friend_page", "");

        acme.assertNotFound("/ws/page/" + wedding, "");
        assertThat(acme.pages()).extracting(PageSummary::scope).containsOnly(Scope.PERSONAL);
    }

    @Test
    void unshareFriendPageRefusesTheAccountsOwnPage() {
        long recipes = acme.pageId("Recipes");

        acme.assertNotFound("/ws/page/" + recipes + "/unshare_friend_page", "");

        assertThat(acme.page(recipes).title()).isEqualTo("Recipes");
    }

    @Test
    void emailAnswersEmptySuccessForAnExistingPage() {
        acme.done("/ws/page/" + acme.pageId("Recipes") + "/email", "");

        acme.assertNotFound("/ws/page/999/email", "");
    }

    /** Each belonging in order with the content of the widget it places: equal for a faithful copy. */
    private static List<String> layout(Page page) {
        return page.belongings().stream().map(belonging -> belonging.position() + " " + belonging.widgetType() + " "
                + widgetContent(page, belonging)).toList();
    }

    private static String widgetContent(Page page, Belonging belonging) {
        long id = belonging.widgetId();
        return switch (belonging.widgetType()) {
            case WidgetType.NOTE -> only(page.notes(), Note::id, id, note -> List.of(note.title(), note.createdAt(), note.body()));
            case WidgetType.LIST -> only(page.lists(), ItemList::id, id, list -> List.of(list.name(),
                    list.items().stream().map(item -> item.completed() + " " + item.content()).toList()));
            case WidgetType.SEPARATOR -> only(page.separators(), Separator::id, id, Separator::name);
            case WidgetType.GALLERY -> only(page.galleries(), Gallery::id, id, gallery -> List.of(gallery.name(),
                    gallery.images().stream().map(image -> image.fileName() + " " + image.description()).toList()));
            default -> only(page.attachments(), Attachment::id, id, Attachment::fileName);
        };
    }

    private static <T> String only(List<T> widgets, Function<T, Long> idOf, long id, Function<T, Object> content) {
        List<T> found = widgets.stream().filter(widget -> idOf.apply(widget) == id).toList();
        assertThat(found).as("widget %d", id).hasSize(1);
        return content.apply(found.get(0)).toString();
    }

    private static Set<Long> ids(Page page) {
        Set<Long> ids = new HashSet<>();
        ids.add(page.id());
        page.belongings().forEach(belonging -> ids.add(belonging.id()));
        page.notes().forEach(note -> ids.add(note.id()));
        page.lists().forEach(list -> {
            ids.add(list.id());
            list.items().forEach(item -> ids.add(item.id()));
        });
        page.separators().forEach(separator -> ids.add(separator.id()));
        page.galleries().forEach(gallery -> {
            ids.add(gallery.id());
            gallery.images().stream().map(Image::id).forEach(ids::add);
        });
        page.attachments().forEach(attachment -> ids.add(attachment.id()));
        return ids;
    }

    /** How many ids the page holds, counting repeats: each must be distinct. */
    private static int idCount(Page page) {
        return 1 + page.belongings().size() + page.notes().size() + page.separators().size() + page.attachments().size()
                + page.lists().stream().mapToInt(list -> 1 + list.items().size()).sum()
                + page.galleries().stream().mapToInt(gallery -> 1 + gallery.images().size()).sum();
    }
}
