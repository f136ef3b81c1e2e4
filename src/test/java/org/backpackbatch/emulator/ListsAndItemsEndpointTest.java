package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.WidgetType;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The list and item endpoints of the emulator, over real HTTP, against the demo account's
 * Groceries page: its list "This week" holds Milk, Eggs, Gruyère, Sourdough, Coffee beans
 * (completed) and Bananas, in that position order.
 */
class ListsAndItemsEndpointTest {

    @RegisterExtension
    final LiveAccount acme = LiveAccount.demo();

    private long pageId;
    private ItemList week;
    private String itemsPath;

    @BeforeEach
    void findTheGroceries() {
        pageId = acme.pageId("Groceries");
        week = acme.list(pageId, "This week");
        itemsPath = "/ws/page/" + pageId + "/lists/" + week.id() + "/items/";
    }

    // ---- lists --------------------------------------------------------------------------

    @Test
    void listAnswersThePagesListsWithoutItems() {
        long reading = acme.pageId("Reading list");
        List<ItemList> lists = acme.page(reading).lists();

        assertThat(acme.ok("/ws/page/" + reading + "/lists/list", "").body()).isEqualTo("<response success='true'><lists>"
                + "<list id='" + lists.get(0).id() + "' name='2006'/>"
                + "<list id='" + lists.get(1).id() + "' name='Articles to finish'/>"
                + "</lists></response>");
    }

    @Test
    void addAnswersTheListAndAddsItsBelongingAtTheEndOfThePage() {
        String body = acme.ok("/ws/page/" + pageId + "/lists/add", "<name>Next week</name>").body();

        ItemList created = BackpackXmlReader.readListSummary(LiveAccount.stream(body));
        assertThat(body).isEqualTo("<response success='true'><list id='" + created.id() + "' name='Next week'/></response>");
        assertThat(acme.page(pageId).belongings()).hasSize(2).last()
                .extracting(Belonging::position, Belonging::widgetType, Belonging::widgetId)
                .containsExactly(2, WidgetType.LIST, created.id());
        assertThat(acme.read("/ws/page/" + pageId + "/lists/list", "", BackpackXmlReader::readListSummaries))
                .extracting(ItemList::name).containsExactly("This week", "Next week");
        assertThat(acme.items(pageId, created.id())).isEmpty();
    }

    @Test
    void updateRenamesTheList() {
        acme.done("/ws/page/" + pageId + "/lists/update/" + week.id(), "<list><name>Saturday market</name></list>");

        assertThat(acme.list(pageId, "Saturday market").items()).isEqualTo(week.items());
    }

    @Test
    void destroyRemovesTheListItsItemsAndItsBelongingAndRenumbersTheRest() {
        long kitchen = acme.pageId("Kitchen renovation");
        ItemList toDo = acme.list(kitchen, "To do");

        acme.done("/ws/page/" + kitchen + "/lists/destroy/" + toDo.id(), "");

        List<Belonging> belongings = acme.page(kitchen).belongings();
        assertThat(belongings).extracting(Belonging::position).containsExactly(1, 2, 3, 4);
        assertThat(belongings).extracting(Belonging::widgetType)
                .containsExactly(WidgetType.NOTE, WidgetType.SEPARATOR, WidgetType.NOTE, WidgetType.LIST);
        assertThat(belongings).extracting(Belonging::widgetId).doesNotContain(toDo.id());
        assertThat(acme.page(kitchen).lists()).extracting(ItemList::name).containsExactly("Shopping");
        String toDoItems = "/ws/page/" + kitchen + "/lists/" + toDo.id() + "/items/";
        acme.assertNotFound(toDoItems + "list", "");
        acme.assertNotFound(toDoItems + "toggle/" + toDo.items().get(0).id(), "");
    }

    // ---- items --------------------------------------------------------------------------

    @Test
    void listAnswersOpenItemsThenCompletedOnesWithListIdAndUpdateTime() {
        Map<String, Long> ids = week.items().stream().collect(Collectors.toMap(Item::content, Item::id));

        String body = acme.ok(itemsPath + "list", "").body();

        String open = "' list_id='" + week.id() + "' completed='false' updated_at='2008-02-23 10:12:09'>";
        String completed = "' list_id='" + week.id() + "' completed=\"true\" updated_at='2008-02-23 10:12:09'>";
        assertThat(body).isEqualTo("<response success='true'><items>"
                + "<item id='" + ids.get("Milk") + open + "Milk</item>"
                + "<item id='" + ids.get("Eggs") + open + "Eggs</item>"
                + "<item id='" + ids.get("Gruyère") + open + "Gruyère</item>"
                + "<item id='" + ids.get("Sourdough") + open + "Sourdough</item>"
                + "<item id='" + ids.get("Bananas") + open + "Bananas</item>"
                + "<item id='" + ids.get("Coffee beans") + completed + "Coffee beans</item>"
                + "</items></response>");
    }

    @Test
    void addAnswersTheItemAndPutsItLastInPositionOrder() {
        String openBody = acme.ok(itemsPath + "add", "<item completed='false'><content>Flour</content></item>").body();
        String doneBody = acme.ok(itemsPath + "add", "<item completed='true'><content>Yeast</content></item>").body();

        Item flour = BackpackXmlReader.readItem(LiveAccount.stream(openBody));
        Item yeast = BackpackXmlReader.readItem(LiveAccount.stream(doneBody));
        assertThat(openBody).isEqualTo("<response success='true'><item id='" + flour.id() + "' list_id='" + week.id()
                + "' completed='false'>Flour</item></response>");
        assertThat(doneBody).isEqualTo("<response success='true'><item id='" + yeast.id() + "' list_id='" + week.id()
                + "' completed=\"true\">Yeast</item></response>");
        assertThat(contents(acme.items(pageId, week.id())))
                .containsExactly("Milk", "Eggs", "Gruyère", "Sourdough", "Bananas", "Flour", "Coffee beans", "Yeast");
    }

    @Test
    void updateChangesContentAndCompletion() {
        long milk = itemId("Milk");

        acme.done(itemsPath + "update/" + milk, "<item completed='true'><content>Whole milk</content></item>");

        // completed items keep their position order: Whole milk (first) before Coffee beans (fifth)
        List<Item> items = acme.items(pageId, week.id());
        assertThat(contents(items)).containsExactly("Eggs", "Gruyère", "Sourdough", "Bananas", "Whole milk", "Coffee beans");
        assertThat(items.get(4).completed()).isTrue();
    }

    @Test
    void toggleFlipsCompletionAndTheItemMovesBetweenOpenAndCompleted() {
        long eggs = itemId("Eggs");

        acme.done(itemsPath + "toggle/" + eggs, "");

        List<Item> toggled = acme.items(pageId, week.id());
        assertThat(contents(toggled)).containsExactly("Milk", "Gruyère", "Sourdough", "Bananas", "Eggs", "Coffee beans");
        assertThat(toggled.get(4).completed()).isTrue();
        assertThat(contents(acme.list(pageId, "This week").items())).as("the full page shows the same order")
                .isEqualTo(contents(toggled));

        acme.done(itemsPath + "toggle/" + eggs, "");

        assertThat(acme.items(pageId, week.id())).extracting(Item::content, Item::completed).startsWith(
                tuple("Milk", false), tuple("Eggs", false));
    }

    @Test
    void destroyRemovesTheItem() {
        long eggs = itemId("Eggs");

        acme.done(itemsPath + "destroy/" + eggs, "");

        assertThat(contents(acme.items(pageId, week.id()))).containsExactly("Milk", "Gruyère", "Sourdough", "Bananas", "Coffee beans");
        acme.assertNotFound(itemsPath + "destroy/" + eggs, "");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "move_lower,     B, A C B D",
        "move_higher,    C, A C B D",
        "move_to_top,    C, C A B D",
        "move_to_bottom, B, A C D B",
        "move_lower,     D, A B C D",
        "move_higher,    A, A B C D",
    })
    void moveShiftsTheItemOnePlaceOrToAnEnd(String direction, String item, String expectedOrder) {
        ItemList letters = listOf("A", "B", "C", "D");
        long itemId = idIn(letters, item);

        acme.done("/ws/page/" + pageId + "/lists/" + letters.id() + "/items/move/" + itemId, "<direction>" + direction + "</direction>");

        List<String> expected = Arrays.asList(expectedOrder.split(" "));
        assertThat(contents(acme.items(pageId, letters.id()))).isEqualTo(expected);
        assertThat(contents(acme.list(pageId, letters.name()).items())).isEqualTo(expected);
    }

    @Test
    void moveRefusesAnUnknownDirection() {
        LiveAccount.assertAnswer(acme.post(itemsPath + "move/" + itemId("Eggs"), "<direction>sideways</direction>"),
                500, LiveAccount.BAD_INPUT);
    }

    @Test
    void reorderPutsTheItemsInTheOrderOfTheItemIdElements() {
        ItemList letters = listOf("A", "B", "C", "D");
        String order = List.of("D", "B", "A", "C").stream()
                .map(letter -> "<item-id>" + idIn(letters, letter) + "</item-id>").collect(Collectors.joining());

        acme.done("/ws/page/" + pageId + "/lists/" + letters.id() + "/items/reorder", order);

        assertThat(contents(acme.items(pageId, letters.id()))).containsExactly("D", "B", "A", "C");
        assertThat(contents(acme.list(pageId, letters.name()).items())).containsExactly("D", "B", "A", "C");
    }

    @Test
    void reorderedCompletedItemsStillListAfterTheOpenOnes() {
        String order = "<item-id>" + itemId("Coffee beans") + "</item-id><item-id>" + itemId("Bananas") + "</item-id>";

        acme.done(itemsPath + "reorder", order);

        assertThat(contents(acme.items(pageId, week.id())))
                .containsExactly("Bananas", "Milk", "Eggs", "Gruyère", "Sourdough", "Coffee beans");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            lists/update/{list}                | <list><name>N</name></list>
            lists/destroy/{list}               | ""
            lists/{list}/items/list            | ""
            lists/{list}/items/add             | <item completed='false'><content>C</content></item>
            lists/{list}/items/update/{item}   | <item completed='true'><content>C</content></item>
            lists/{list}/items/toggle/{item}   | ""
            lists/{list}/items/destroy/{item}  | ""
            lists/{list}/items/move/{item}     | <direction>move_to_top</direction>
            lists/{list}/items/reorder         | <item-id>{item}</item-id>
            """)
    void aListOfAnotherPageIsNotFound(String path, String elements) {
        ItemList gardenList = acme.page(acme.pageId("Garden")).lists().get(0);
        Function<String, String> fill = text -> text.replace("{list}", Long.toString(gardenList.id()))
                .replace("{item}", Long.toString(gardenList.items().get(0).id()));

        acme.assertNotFound("/ws/page/" + pageId + "/" + fill.apply(path), fill.apply(elements));

        assertThat(acme.page(acme.pageId("Garden")).lists()).containsExactly(gardenList);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            update/999   | <item completed='true'><content>C</content></item>
            toggle/999   | ""
            destroy/999  | ""
            move/999     | <direction>move_to_top</direction>
            """)
    void anUnknownItemIsNotFound(String path, String elements) {
        acme.assertNotFound(itemsPath + path, elements);
    }

    private long itemId(String content) {
        return idIn(week, content);
    }

    private static long idIn(ItemList list, String content) {
        return list.items().stream().filter(item -> item.content().equals(content)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + content + " in " + list)).id();
    }

    /** A new list on the Groceries page holding open items with these contents, as the full page shows it. */
    private ItemList listOf(String... contents) {
        ItemList list = acme.newList(pageId, "Letters");
        for (String content : contents) {
            acme.newItem(pageId, list.id(), content, false);
        }
        return acme.list(pageId, "Letters");
    }

    private static List<String> contents(List<Item> items) {
        return items.stream().map(Item::content).toList();
    }
}
