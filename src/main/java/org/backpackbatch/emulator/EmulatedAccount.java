package org.backpackbatch.emulator;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.backpackbatch.api.TagNames;
import org.backpackbatch.api.model.Attachment;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.CurrentUser;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Gallery;
import org.backpackbatch.api.model.Image;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.model.UserExport;
import org.backpackbatch.api.model.WidgetType;
import org.backpackbatch.emulator.seed.AccountSeed;
import org.backpackbatch.emulator.seed.PageEmailAddress;

/**
 * One emulated account's data and the service's rules for changing it. Pages are immutable
 * records replaced on every change; items are kept in position order and shown by completeness
 * then position, as the service does. Its users are fixed by the seed; the token is its owner's,
 * who may read and write only their own bookmarks, journal and status. The journal, reminders and
 * calendars keep their own rules in their own classes. Every method is atomic.
 */
public final class EmulatedAccount {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final String name;
    private final LongSupplier ids;
    private final Clock clock;
    private final Map<Long, Page> pages = new LinkedHashMap<>();
    private final Map<String, Tag> tagsByName = new HashMap<>();
    private final Map<Long, Tag> tagsById = new HashMap<>();
    private final Map<Long, List<Email>> emailsByPage = new HashMap<>();
    private final CurrentUser owner;
    private final Map<Long, User> users = new LinkedHashMap<>();
    private final Map<Long, Status> statusesByUser = new HashMap<>();
    private final List<Bookmark> bookmarks;
    private final Journal journal;
    private final Reminders reminders;
    private final Calendars calendars;

    EmulatedAccount(String name, LongSupplier ids, Clock clock, AccountSeed seed) {
        this.name = name;
        this.ids = ids;
        this.clock = clock;
        for (Page page : seed.pages()) {
            pages.put(page.id(), page);
            page.tags().forEach(this::registerTag);
        }
        seed.emailsByPage().forEach((pageId, emails) -> emailsByPage.put(pageId, new ArrayList<>(emails)));
        owner = seed.owner();
        seed.users().forEach(user -> users.put(user.id(), user));
        seed.statuses().forEach(status -> statusesByUser.put(status.userId(), status));
        bookmarks = seed.bookmarks();
        journal = new Journal(seed.journal(), ids, clock);
        reminders = new Reminders(seed.reminders(), this::user, ids, clock);
        calendars = new Calendars(name, seed.calendars(), seed.events(), ids, clock);
    }

    public String name() {
        return name;
    }

    // ---- pages --------------------------------------------------------------------------

    public synchronized List<PageSummary> allPages() {
        return pages.values().stream().map(Page::summary).toList();
    }

    /** Pages whose title or content contains the term, case-insensitively; answered without scope. */
    public synchronized List<PageSummary> search(String term) {
        String needle = term.toLowerCase(Locale.ROOT);
        Predicate<String> matches = text -> text != null && text.toLowerCase(Locale.ROOT).contains(needle);
        return pages.values().stream()
                .filter(page -> matches.test(page.title())
                        || page.notes().stream().anyMatch(note -> matches.test(note.title()) || matches.test(note.body()))
                        || page.lists().stream().anyMatch(list -> matches.test(list.name())
                                || list.items().stream().anyMatch(item -> matches.test(item.content()))))
                .map(page -> new PageSummary(page.id(), page.title(), null))
                .toList();
    }

    public synchronized PageSummary createPage(String title) {
        long id = ids.getAsLong();
        Page page = Page.empty(id, title, Scope.PERSONAL, PageEmailAddress.of(id, name));
        pages.put(id, page);
        return new PageSummary(id, title, null);
    }

    /** The full page as {@code POST /ws/page/{id}} shows it. */
    public synchronized Page page(long pageId) {
        Page page = existingPage(pageId);
        List<ItemList> shown = page.lists().stream()
                .map(list -> new ItemList(list.id(), list.name(), displayOrder(list.items()).stream()
                        .map(item -> new Item(item.id(), null, item.completed(), null, item.content()))
                        .toList()))
                .toList();
        return page.withLists(shown).withScope(null);
    }

    /** The page exactly as stored, scope included: what tests compare a backup against. */
    public synchronized Page storedPage(long pageId) {
        return existingPage(pageId);
    }

    public synchronized void reorderBelongings(long pageId, List<Long> belongingIds) {
        Page page = existingPage(pageId);
        List<Belonging> ordered = reorder(page.belongings(), belongingIds, Belonging::id);
        replace(page.withBelongings(renumber(ordered)));
    }

    public synchronized void destroyPage(long pageId) {
        existingPage(pageId);
        pages.remove(pageId);
        emailsByPage.remove(pageId);
    }

    public synchronized void renamePage(long pageId, String title) {
        replace(existingPage(pageId).withTitle(title));
    }

    /** A copy of the page with new ids for everything on it; tags are shared, emails stay behind. */
    public synchronized PageSummary duplicatePage(long pageId) {
        Page source = existingPage(pageId);
        long id = ids.getAsLong();
        Map<Long, Long> widgetIds = new HashMap<>();
        Function<Long, Long> renew = oldId -> widgetIds.computeIfAbsent(oldId, unused -> ids.getAsLong());
        List<Note> notes = source.notes().stream()
                .map(note -> new Note(renew.apply(note.id()), note.title(), note.createdAt(), note.body())).toList();
        List<ItemList> lists = source.lists().stream().map(list -> {
            long listId = renew.apply(list.id());
            return new ItemList(listId, list.name(), list.items().stream()
                    .map(item -> new Item(ids.getAsLong(), listId, item.completed(), item.updatedAt(), item.content()))
                    .toList());
        }).toList();
        List<Separator> separators = source.separators().stream()
                .map(separator -> new Separator(renew.apply(separator.id()), separator.name())).toList();
        List<Gallery> galleries = source.galleries().stream().map(gallery -> {
            long galleryId = renew.apply(gallery.id());
            return new Gallery(galleryId, gallery.name(), gallery.images().stream()
                    .map(image -> new Image(ids.getAsLong(), image.fileName(), galleryId, image.description()))
                    .toList());
        }).toList();
        List<Attachment> attachments = source.attachments().stream()
                .map(attachment -> new Attachment(renew.apply(attachment.id()), attachment.fileName())).toList();
        List<Belonging> belongings = source.belongings().stream()
                .map(belonging -> new Belonging(ids.getAsLong(), belonging.position(), belonging.widgetType(),
                        renew.apply(belonging.widgetId())))
                .toList();
        Page copy = new Page(id, source.title(), Scope.PERSONAL, PageEmailAddress.of(id, name), belongings, notes, lists,
                source.tags(), separators, galleries, attachments);
        pages.put(id, copy);
        return new PageSummary(id, copy.title(), null);
    }

    public synchronized void sharePage(long pageId) {
        existingPage(pageId);
    }

    /** Removes a page another user shared with this account; the account's own pages cannot be unshared so. */
    public synchronized void unshareFriendPage(long pageId) {
        Page page = existingPage(pageId);
        if (page.scope() != Scope.FRIENDS) {
            throw EmulatorError.notFound();
        }
        pages.remove(pageId);
        emailsByPage.remove(pageId);
    }

    public synchronized void emailPage(long pageId) {
        existingPage(pageId);
    }

    // ---- notes --------------------------------------------------------------------------

    /** Notes oldest first by created_at, which seeded notes need not follow; equal times keep the page's order. */
    public synchronized List<Note> notes(long pageId) {
        return existingPage(pageId).notes().stream().sorted(Comparator.comparing(Note::createdAt)).toList();
    }

    public synchronized Note createNote(long pageId, String title, String body) {
        Page page = existingPage(pageId);
        Note note = new Note(ids.getAsLong(), orEmpty(title), now(), orEmpty(body));
        replace(withWidget(page, WidgetType.NOTE, note.id()).withNotes(append(page.notes(), note)));
        return note;
    }

    /** Changes what is given; a null title or body keeps the old one. */
    public synchronized void updateNote(long pageId, long noteId, String title, String body) {
        Page page = existingPage(pageId);
        Note old = find(page.notes(), noteId, Note::id);
        Note updated = new Note(noteId, title == null ? old.title() : title, old.createdAt(), body == null ? old.body() : body);
        replace(page.withNotes(replaceIn(page.notes(), noteId, Note::id, note -> updated)));
    }

    public synchronized void destroyNote(long pageId, long noteId) {
        Page page = existingPage(pageId);
        find(page.notes(), noteId, Note::id);
        replace(withoutWidget(page, WidgetType.NOTE, noteId).withNotes(removeFrom(page.notes(), noteId, Note::id)));
    }

    // ---- lists --------------------------------------------------------------------------

    public synchronized List<ItemList> lists(long pageId) {
        return existingPage(pageId).lists();
    }

    public synchronized ItemList createList(long pageId, String listName) {
        Page page = existingPage(pageId);
        ItemList list = new ItemList(ids.getAsLong(), orEmpty(listName), List.of());
        replace(withWidget(page, WidgetType.LIST, list.id()).withLists(append(page.lists(), list)));
        return list;
    }

    public synchronized void renameList(long pageId, long listId, String listName) {
        Page page = existingPage(pageId);
        find(page.lists(), listId, ItemList::id);
        replace(page.withLists(replaceIn(page.lists(), listId, ItemList::id,
                list -> new ItemList(list.id(), listName, list.items()))));
    }

    /** Destroying a list takes its items and its belonging with it. */
    public synchronized void destroyList(long pageId, long listId) {
        Page page = existingPage(pageId);
        find(page.lists(), listId, ItemList::id);
        replace(withoutWidget(page, WidgetType.LIST, listId).withLists(removeFrom(page.lists(), listId, ItemList::id)));
    }

    // ---- items --------------------------------------------------------------------------

    /** Items by completeness, then position: what {@code items/list} answers. */
    public synchronized List<Item> items(long pageId, long listId) {
        return displayOrder(existingList(existingPage(pageId), listId).items());
    }

    public synchronized Item createItem(long pageId, long listId, String content, boolean completed) {
        Item item = new Item(ids.getAsLong(), listId, completed, now(), orEmpty(content));
        changeItems(pageId, listId, items -> append(items, item));
        return new Item(item.id(), listId, completed, null, item.content());
    }

    /** Changes the content, and the completed flag when one is given. */
    public synchronized void updateItem(long pageId, long listId, long itemId, String content, Boolean completed) {
        String updatedAt = now();
        changeItems(pageId, listId, items -> replaceIn(items, itemId, Item::id, item -> new Item(item.id(), listId,
                completed == null ? item.completed() : completed, updatedAt, content == null ? item.content() : content)));
    }

    public synchronized void toggleItem(long pageId, long listId, long itemId) {
        String updatedAt = now();
        changeItems(pageId, listId, items -> replaceIn(items, itemId, Item::id,
                item -> new Item(item.id(), listId, !item.completed(), updatedAt, item.content())));
    }

    public synchronized void destroyItem(long pageId, long listId, long itemId) {
        changeItems(pageId, listId, items -> removeFrom(items, itemId, Item::id));
    }

    /** Moves an item one place or to an end of the list's position order. */
    public synchronized void moveItem(long pageId, long listId, long itemId, String direction) {
        changeItems(pageId, listId, items -> {
            List<Item> moved = new ArrayList<>(items);
            int from = indexOf(moved, itemId, Item::id);
            Item item = moved.remove(from);
            int to = switch (direction) {
                case "move_higher" -> Math.max(0, from - 1);
                case "move_lower" -> Math.min(moved.size(), from + 1);
                case "move_to_top" -> 0;
                case "move_to_bottom" -> moved.size();
                default -> throw EmulatorError.badInput();
            };
            moved.add(to, item);
            return moved;
        });
    }

    /** Puts the named items first, in the given order; the others keep their order after them. */
    public synchronized void reorderItems(long pageId, long listId, List<Long> itemIds) {
        changeItems(pageId, listId, items -> reorder(items, itemIds, Item::id));
    }

    // ---- tags ---------------------------------------------------------------------------

    public synchronized List<PageSummary> pagesWithTag(long tagId) {
        Tag tag = tagsById.get(tagId);
        if (tag == null) {
            throw EmulatorError.notFound();
        }
        return pages.values().stream()
                .filter(page -> page.tags().contains(tag))
                .map(page -> new PageSummary(page.id(), page.title(), null))
                .toList();
    }

    /** Replaces all tags of the page by the named ones, creating tags the account does not have yet. */
    public synchronized void tagPage(long pageId, String tagText) {
        Page page = existingPage(pageId);
        List<Tag> tags = TagNames.parse(tagText).stream()
                .map(tagName -> {
                    Tag known = tagsByName.get(tagName);
                    return known != null ? known : registerTag(new Tag(ids.getAsLong(), tagName));
                })
                .toList();
        replace(page.withTags(tags));
    }

    // ---- separators ---------------------------------------------------------------------

    public synchronized Separator createSeparator(long pageId, String separatorName) {
        Page page = existingPage(pageId);
        Separator separator = new Separator(ids.getAsLong(), orEmpty(separatorName));
        replace(withWidget(page, WidgetType.SEPARATOR, separator.id()).withSeparators(append(page.separators(), separator)));
        return separator;
    }

    public synchronized Separator updateSeparator(long pageId, long separatorId, String separatorName) {
        Page page = existingPage(pageId);
        find(page.separators(), separatorId, Separator::id);
        Separator updated = new Separator(separatorId, orEmpty(separatorName));
        replace(page.withSeparators(replaceIn(page.separators(), separatorId, Separator::id, separator -> updated)));
        return updated;
    }

    public synchronized void destroySeparator(long pageId, long separatorId) {
        Page page = existingPage(pageId);
        find(page.separators(), separatorId, Separator::id);
        replace(withoutWidget(page, WidgetType.SEPARATOR, separatorId)
                .withSeparators(removeFrom(page.separators(), separatorId, Separator::id)));
    }

    // ---- emails -------------------------------------------------------------------------

    public synchronized List<Email> emails(long pageId) {
        existingPage(pageId);
        return List.copyOf(emailsByPage.getOrDefault(pageId, List.of()));
    }

    public synchronized Email email(long pageId, long emailId) {
        return find(emails(pageId), emailId, Email::id);
    }

    public synchronized void destroyEmail(long pageId, long emailId) {
        email(pageId, emailId);
        emailsByPage.get(pageId).removeIf(email -> email.id() == emailId);
    }

    // ---- users, statuses, bookmarks, export ---------------------------------------------

    /** The token's user, with the start page the seed gave while that page still exists. */
    public synchronized CurrentUser me() {
        Long startPage = owner.startPageId() != null && pages.containsKey(owner.startPageId()) ? owner.startPageId() : null;
        return new CurrentUser(owner.id(), owner.name(), owner.email(), startPage, owner.timeZone());
    }

    /** The user whose token the account has. */
    public User owner() {
        return owner.user();
    }

    /** The account's users, its owner first. */
    public List<User> users() {
        return List.copyOf(users.values());
    }

    public User user(long userId) {
        User user = users.get(userId);
        if (user == null) {
            throw EmulatorError.notFound();
        }
        return user;
    }

    /** The token's own user, when {@code userId} names them: another user is forbidden, an unknown one not found. */
    User ownUser(long userId) {
        User user = user(userId);
        if (userId != owner.id()) {
            throw EmulatorError.forbidden();
        }
        return user;
    }

    /** Every status that is set, in the order of the users. */
    public synchronized List<Status> statuses() {
        return users.keySet().stream().map(statusesByUser::get).filter(Objects::nonNull).toList();
    }

    /** Not found for a user who never set one. */
    public synchronized Status status(long userId) {
        user(userId);
        Status status = statusesByUser.get(userId);
        if (status == null) {
            throw EmulatorError.notFound();
        }
        return status;
    }

    /** Sets the token's user's status, making it the first time. */
    synchronized Status setStatus(long userId, String message) {
        User user = ownUser(userId);
        Status old = statusesByUser.get(userId);
        Status status = new Status(old == null ? ids.getAsLong() : old.id(), user.id(), user.name(), message, IsoTime.now(clock));
        statusesByUser.put(userId, status);
        return status;
    }

    /** The token's user's bookmarks, in their order; a bookmark of a page since destroyed is gone with it. */
    public synchronized List<Bookmark> bookmarks(long userId) {
        ownUser(userId);
        return bookmarks.stream()
                .filter(bookmark -> bookmark.userId() == userId)
                .filter(bookmark -> !bookmark.bookmarkableType().equals(Bookmark.PAGE) || pages.containsKey(bookmark.bookmarkableId()))
                .toList();
    }

    /** The user, the account's own pages as the full page shows them, and all the user's reminders. */
    public synchronized UserExport exportUser(long userId) {
        User user = user(userId);
        List<Page> ownPages = pages.values().stream().filter(page -> page.scope() == Scope.PERSONAL).map(page -> page(page.id())).toList();
        return new UserExport(user, name, ownPages, reminders.of(userId));
    }

    public Journal journal() {
        return journal;
    }

    public Reminders reminders() {
        return reminders;
    }

    public Calendars calendars() {
        return calendars;
    }

    // ---- rules shared by the operations -------------------------------------------------

    private Page existingPage(long pageId) {
        Page page = pages.get(pageId);
        if (page == null) {
            throw EmulatorError.notFound();
        }
        return page;
    }

    private static ItemList existingList(Page page, long listId) {
        return find(page.lists(), listId, ItemList::id);
    }

    private void changeItems(long pageId, long listId, UnaryOperator<List<Item>> change) {
        Page page = existingPage(pageId);
        existingList(page, listId);
        replace(page.withLists(replaceIn(page.lists(), listId, ItemList::id,
                list -> new ItemList(list.id(), list.name(), change.apply(list.items())))));
    }

    private void replace(Page page) {
        pages.put(page.id(), page);
    }

    private Tag registerTag(Tag tag) {
        tagsByName.putIfAbsent(tag.name(), tag);
        tagsById.putIfAbsent(tag.id(), tag);
        return tag;
    }

    /** A new widget goes to the end of the page. */
    private Page withWidget(Page page, String widgetType, long widgetId) {
        int position = page.belongings().size() + 1;
        return page.withBelongings(append(page.belongings(), new Belonging(ids.getAsLong(), position, widgetType, widgetId)));
    }

    private static Page withoutWidget(Page page, String widgetType, long widgetId) {
        return page.withBelongings(renumber(page.belongings().stream()
                .filter(belonging -> !(belonging.widgetType().equals(widgetType) && belonging.widgetId() == widgetId))
                .toList()));
    }

    private static List<Belonging> renumber(List<Belonging> belongings) {
        List<Belonging> numbered = new ArrayList<>(belongings.size());
        for (Belonging belonging : belongings) {
            numbered.add(new Belonging(belonging.id(), numbered.size() + 1, belonging.widgetType(), belonging.widgetId()));
        }
        return numbered;
    }

    static List<Item> displayOrder(List<Item> itemsInPositionOrder) {
        List<Item> shown = new ArrayList<>(itemsInPositionOrder.size());
        itemsInPositionOrder.stream().filter(item -> !item.completed()).forEach(shown::add);
        itemsInPositionOrder.stream().filter(Item::completed).forEach(shown::add);
        return shown;
    }

    /** The named elements first in the given order, the rest after in their order; an unknown id is bad input. */
    private static <T> List<T> reorder(List<T> elements, List<Long> wantedIds, Function<T, Long> idOf) {
        Map<Long, T> byId = new LinkedHashMap<>();
        elements.forEach(element -> byId.put(idOf.apply(element), element));
        List<T> ordered = new ArrayList<>(elements.size());
        for (Long id : wantedIds) {
            T element = byId.remove(id);
            if (element == null) {
                throw EmulatorError.badInput();
            }
            ordered.add(element);
        }
        ordered.addAll(byId.values());
        return ordered;
    }

    private static <T> T find(Collection<T> elements, long id, Function<T, Long> idOf) {
        return elements.stream().filter(element -> idOf.apply(element) == id).findFirst()
                .orElseThrow(EmulatorError::notFound);
    }

    private static <T> int indexOf(List<T> elements, long id, Function<T, Long> idOf) {
        for (int i = 0; i < elements.size(); i++) {
            if (idOf.apply(elements.get(i)) == id) {
                return i;
            }
        }
        throw EmulatorError.notFound();
    }

    private static <T> List<T> append(List<T> elements, T element) {
        List<T> appended = new ArrayList<>(elements.size() + 1);
        appended.addAll(elements);
        appended.add(element);
        return appended;
    }

    private static <T> List<T> replaceIn(List<T> elements, long id, Function<T, Long> idOf, UnaryOperator<T> change) {
        indexOf(elements, id, idOf);
        return elements.stream().map(element -> idOf.apply(element) == id ? change.apply(element) : element).toList();
    }

    private static <T> List<T> removeFrom(List<T> elements, long id, Function<T, Long> idOf) {
        indexOf(elements, id, idOf);
        return elements.stream().filter(element -> idOf.apply(element) != id).toList();
    }


    private String now() {
        return LocalDateTime.now(clock).format(TIMESTAMP);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
