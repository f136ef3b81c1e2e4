package org.backpackbatch.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.xml.XmlElement;

/**
 * The endpoint table of the emulated service: method and path pattern to the account operation,
 * with the request elements each endpoint reads and the answer it writes. A pattern starting with
 * {@code {token}} carries the token as its first segment; {@code {}} captures an id.
 */
final class Endpoints {

    /** What an endpoint does with the captured path ids and the parsed request. */
    @FunctionalInterface
    interface Handler {
        Answer handle(EmulatedAccount account, long[] ids, XmlElement request);
    }

    private record Route(String method, String[] pattern, Handler handler) {
    }

    private static final String TOKEN = "{token}";

    private final List<Route> routes = new ArrayList<>();

    Endpoints() {
        post("ws/pages/all", (account, ids, request) -> Answer.xml(w -> w.beginResponse().pageSummaries(account.allPages()).endResponse()));
        post("ws/pages/search", (account, ids, request) ->
                Answer.xml(w -> w.beginResponse().pageSummaries(account.search(required(request, "term"))).endResponse()));
        post("ws/pages/new", (account, ids, request) -> {
            var page = account.createPage(required(requiredChild(request, "page"), "title"));
            return Answer.xml(w -> w.beginResponse().pageSummary(page).endResponse());
        });
        post("ws/page/{}", (account, ids, request) -> {
            var page = account.page(ids[0]);
            return Answer.xml(w -> w.beginResponse().page(page).endResponse());
        });
        post("ws/page/{}/reorder", (account, ids, request) -> {
            account.reorderBelongings(ids[0], idList(required(request, "belongings")));
            return Answer.emptySuccess();
        });
        post("ws/page/{}/destroy", (account, ids, request) -> {
            account.destroyPage(ids[0]);
            return Answer.emptySuccess();
        });
        post("ws/page/{}/update_title", (account, ids, request) -> {
            account.renamePage(ids[0], required(requiredChild(request, "page"), "title"));
            return Answer.emptySuccess();
        });
        post("ws/page/{}/duplicate", (account, ids, request) -> {
            var copy = account.duplicatePage(ids[0]);
            return Answer.xml(w -> w.beginResponse().pageSummary(copy).endResponse());
        });
        post("ws/page/{}/share", (account, ids, request) -> {
            account.sharePage(ids[0]);
            return Answer.emptySuccess();
        });
        post("ws/page/{}/unshare_friend_page", (account, ids, request) -> {
            account.unshareFriendPage(ids[0]);
            return Answer.emptySuccess();
        });
        post("ws/page/{}/email", (account, ids, request) -> {
            account.emailPage(ids[0]);
            return Answer.emptySuccess();
        });

        post("ws/page/{}/notes/list", (account, ids, request) -> {
            var notes = account.notes(ids[0]);
            return Answer.xml(w -> w.beginResponse().notes(notes).endResponse());
        });
        post("ws/page/{}/notes/create", (account, ids, request) -> {
            XmlElement note = requiredChild(request, "note");
            var created = account.createNote(ids[0], note.childText("title"), note.childText("body"));
            return Answer.xml(w -> w.beginResponse().note(created).endResponse());
        });
        post("ws/page/{}/notes/update/{}", (account, ids, request) -> {
            XmlElement note = requiredChild(request, "note");
            account.updateNote(ids[0], ids[1], note.childText("title"), note.childText("body"));
            return Answer.emptySuccess();
        });
        post("ws/page/{}/notes/destroy/{}", (account, ids, request) -> {
            account.destroyNote(ids[0], ids[1]);
            return Answer.emptySuccess();
        });

        post("ws/page/{}/lists/list", (account, ids, request) -> {
            var lists = account.lists(ids[0]);
            return Answer.xml(w -> w.beginResponse().listSummaries(lists).endResponse());
        });
        post("ws/page/{}/lists/add", (account, ids, request) -> {
            ItemList list = account.createList(ids[0], required(request, "name"));
            return Answer.xml(w -> w.beginResponse().listSummary(list).endResponse());
        });
        post("ws/page/{}/lists/update/{}", (account, ids, request) -> {
            account.renameList(ids[0], ids[1], required(requiredChild(request, "list"), "name"));
            return Answer.emptySuccess();
        });
        post("ws/page/{}/lists/destroy/{}", (account, ids, request) -> {
            account.destroyList(ids[0], ids[1]);
            return Answer.emptySuccess();
        });

        post("ws/page/{}/lists/{}/items/list", (account, ids, request) -> {
            var items = account.items(ids[0], ids[1]);
            return Answer.xml(w -> w.beginResponse().items(items).endResponse());
        });
        post("ws/page/{}/lists/{}/items/add", (account, ids, request) -> {
            XmlElement item = requiredChild(request, "item");
            Boolean completed = completedFlag(item);
            Item created = account.createItem(ids[0], ids[1], required(item, "content"), completed != null && completed);
            return Answer.xml(w -> w.beginResponse().item(created).endResponse());
        });
        post("ws/page/{}/lists/{}/items/update/{}", (account, ids, request) -> {
            XmlElement item = requiredChild(request, "item");
            account.updateItem(ids[0], ids[1], ids[2], item.childText("content"), completedFlag(item));
            return Answer.emptySuccess();
        });
        post("ws/page/{}/lists/{}/items/toggle/{}", (account, ids, request) -> {
            account.toggleItem(ids[0], ids[1], ids[2]);
            return Answer.emptySuccess();
        });
        post("ws/page/{}/lists/{}/items/destroy/{}", (account, ids, request) -> {
            account.destroyItem(ids[0], ids[1], ids[2]);
            return Answer.emptySuccess();
        });
        post("ws/page/{}/lists/{}/items/move/{}", (account, ids, request) -> {
            account.moveItem(ids[0], ids[1], ids[2], required(request, "direction").strip());
            return Answer.emptySuccess();
        });
        post("ws/page/{}/lists/{}/items/reorder", (account, ids, request) -> {
            List<Long> order = new ArrayList<>();
            for (XmlElement itemId : request.children("item-id")) {
                order.add(parseId(itemId.text()));
            }
            account.reorderItems(ids[0], ids[1], order);
            return Answer.emptySuccess();
        });

        post("ws/tags/select/{}", (account, ids, request) -> {
            var pages = account.pagesWithTag(ids[0]);
            return Answer.xml(w -> w.beginResponse().pageSummaries(pages).endResponse());
        });
        post("ws/page/{}/tags/tag", (account, ids, request) -> {
            account.tagPage(ids[0], required(request, "tags"));
            return Answer.emptySuccess();
        });

        post("ws/page/{}/separators/destroy/{}", (account, ids, request) -> {
            account.destroySeparator(ids[0], ids[1]);
            return Answer.emptySuccess();
        });
        route("POST", "pages/{}/separators.xml", (account, ids, request) -> {
            Separator separator = account.createSeparator(ids[0], required(requiredChild(request, "separator"), "name"));
            return Answer.created(w -> w.separatorResource(separator, ids[0]),
                    "/pages/" + ids[0] + "/separators/" + separator.id() + ".xml");
        });
        route("PUT", "pages/{}/separators/{}.xml", (account, ids, request) -> {
            Separator separator = account.updateSeparator(ids[0], ids[1], required(requiredChild(request, "separator"), "name"));
            return Answer.restXml(200, w -> w.separatorResource(separator, ids[0]));
        });
        route("DELETE", "pages/{}/separators/{}.xml", (account, ids, request) -> {
            account.destroySeparator(ids[0], ids[1]);
            return Answer.noContent();
        });

        post("ws/page/{}/emails/list", (account, ids, request) -> {
            var emails = account.emails(ids[0]);
            return Answer.xml(w -> w.beginResponse().emails(emails).endResponse());
        });
        post("ws/page/{}/emails/show/{}", (account, ids, request) -> {
            var email = account.email(ids[0], ids[1]);
            return Answer.xml(w -> w.beginResponse().email(email).endResponse());
        });
        post("ws/page/{}/emails/destroy/{}", (account, ids, request) -> {
            account.destroyEmail(ids[0], ids[1]);
            return Answer.emptySuccess();
        });

        wholeAccount();
    }

    /** Users, reminders, bookmarks and the export (token in the path), statuses, journal and calendars (HTTP Basic). */
    private void wholeAccount() {
        get("{token}/users.xml", (account, ids, request) -> Answer.restXml(200, w -> w.users(account.users())));
        get("{token}/me.xml", (account, ids, request) -> {
            var me = account.me();
            return Answer.restXml(200, w -> w.currentUser(me));
        });
        get("{token}/users/{}/export.xml", (account, ids, request) -> {
            var export = account.exportUser(ids[0]);
            return Answer.restXml(200, w -> w.userExport(export));
        });
        get("{token}/users/{}/bookmarks.xml", (account, ids, request) -> {
            var bookmarks = account.bookmarks(ids[0]);
            return Answer.restXml(200, w -> w.bookmarks(bookmarks));
        });

        get("{token}/reminders.xml", (account, ids, request) -> {
            var upcoming = account.reminders().upcoming();
            return Answer.restXml(200, w -> w.reminders(upcoming));
        });
        route("POST", "{token}/reminders.xml", (account, ids, request) -> {
            XmlElement reminder = resource(request, "reminder");
            Reminder created = account.reminders().create(account.owner(), reminder.childText("remind_at"),
                    required(reminder, "content"), remindeeIds(reminder));
            return Answer.created(w -> w.reminder(created), "/reminders/" + created.id() + ".xml");
        });
        route("PUT", "{token}/reminders/{}.xml", (account, ids, request) -> {
            XmlElement reminder = resource(request, "reminder");
            Reminder updated = account.reminders().update(ids[0], reminder.childText("remind_at"), reminder.childText("content"),
                    remindeeIds(reminder));
            return Answer.restXml(200, w -> w.reminder(updated));
        });
        route("DELETE", "{token}/reminders/{}.xml", (account, ids, request) -> {
            account.reminders().destroy(ids[0]);
            return Answer.noContent();
        });

        get("statuses.xml", (account, ids, request) -> {
            var statuses = account.statuses();
            return Answer.restXml(200, w -> w.statuses(statuses));
        });
        get("users/{}/status.xml", (account, ids, request) -> {
            Status status = account.status(ids[0]);
            return Answer.restXml(200, w -> w.status(status));
        });
        route("PUT", "users/{}/status.xml", (account, ids, request) -> {
            Status status = account.setStatus(ids[0], required(resource(request, "status"), "message"));
            return Answer.restXml(200, w -> w.status(status));
        });

        get("journal_entries.xml", (account, ids, request) -> journalPage(account, null, request));
        get("users/{}/journal_entries.xml", (account, ids, request) -> journalPage(account, account.user(ids[0]).id(), request));
        route("POST", "users/{}/journal_entries.xml", (account, ids, request) -> {
            JournalEntry entry = account.journal().create(account.ownUser(ids[0]), required(resource(request, "journal-entry"), "body"));
            return Answer.created(w -> w.journalEntry(entry), "/journal_entries/" + entry.id() + ".xml");
        });
        route("PUT", "journal_entries/{}.xml", (account, ids, request) -> {
            JournalEntry entry = account.journal().update(ids[0], account.owner(),
                    required(resource(request, "journal-entry"), "body"));
            return Answer.restXml(200, w -> w.journalEntry(entry));
        });
        route("DELETE", "journal_entries/{}.xml", (account, ids, request) -> {
            account.journal().destroy(ids[0], account.owner());
            return Answer.noContent();
        });

        get("calendars.xml", (account, ids, request) -> {
            var calendars = account.calendars().all();
            var sharing = account.calendars().sharing();
            return Answer.restXml(200, w -> w.calendars(calendars, sharing));
        });
        get("calendars/{}/calendar_events.xml", (account, ids, request) -> {
            var events = account.calendars().events(ids[0]);
            return Answer.restXml(200, w -> w.calendarEvents(events));
        });
        get("calendar_events/{}.xml", (account, ids, request) -> {
            CalendarEvent event = account.calendars().event(ids[0]);
            return Answer.restXml(200, w -> w.calendarEvent(event));
        });
        route("POST", "calendar_events.xml", (account, ids, request) -> {
            XmlElement event = resource(request, "event");
            Boolean remind = flag(event, "remind");
            CalendarEvent created = account.calendars().create(parseId(required(event, "calendar-id")), required(event, "title"),
                    remind != null && remind);
            return Answer.created(w -> w.calendarEvent(created), "/calendar_events/" + created.id() + ".xml");
        });
        route("PUT", "calendar_events/{}.xml", (account, ids, request) -> {
            XmlElement event = resource(request, "event");
            String calendarId = event.childText("calendar-id");
            CalendarEvent updated = account.calendars().update(ids[0], calendarId == null ? null : parseId(calendarId),
                    event.childText("title"), flag(event, "remind"));
            return Answer.restXml(200, w -> w.calendarEvent(updated));
        });
        route("DELETE", "calendar_events/{}.xml", (account, ids, request) -> {
            account.calendars().destroy(ids[0]);
            return Answer.noContent();
        });
    }

    /** Page {@code n} (from 0) of {@code count} entries (default and most: 100); query parameters arrive as request children. */
    private static Answer journalPage(EmulatedAccount account, Long userId, XmlElement request) {
        String n = request.childText("n");
        String count = request.childText("count");
        int page = n == null ? 0 : boundedNumber(n);
        int size = count == null ? Journal.MAX_PAGE_SIZE : Math.min(Journal.MAX_PAGE_SIZE, boundedNumber(count));
        if (size < 1) {
            throw EmulatorError.badInput();
        }
        var entries = account.journal().page(userId, page, size);
        return Answer.restXml(200, w -> w.journalEntries(entries));
    }

    /** The handler for a request, bound to its path ids (and token); null when no endpoint has that path. */
    Bound find(String method, List<String> segments) {
        boolean pathKnown = false;
        for (Route route : routes) {
            long[] ids = match(route.pattern(), segments);
            if (ids != null) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    return new Bound(route.handler(), ids, route.pattern()[0].equals(TOKEN) ? segments.get(0) : null, false);
                }
            }
        }
        return pathKnown ? new Bound(null, null, null, true) : null;
    }

    /** A matched endpoint, or a known path asked with the wrong method; {@code pathToken} is the token its path carries, if any. */
    record Bound(Handler handler, long[] ids, String pathToken, boolean wrongMethod) {
    }

    /** True for the REST-style endpoints, which also take the token by HTTP Basic. */
    static boolean isRestStyle(List<String> segments) {
        return !segments.isEmpty() && !segments.get(0).equals("ws");
    }

    private void post(String pattern, Handler handler) {
        route("POST", pattern, handler);
    }

    private void get(String pattern, Handler handler) {
        route("GET", pattern, handler);
    }

    private void route(String method, String pattern, Handler handler) {
        routes.add(new Route(method, pattern.split("/"), handler));
    }

    /** Matches literal segments and {@code {}} id captures (a capture may carry a literal suffix such as {@code .xml}). */
    private static long[] match(String[] pattern, List<String> segments) {
        if (pattern.length != segments.size()) {
            return null;
        }
        long[] ids = new long[pattern.length];
        int captured = 0;
        for (int i = 0; i < pattern.length; i++) {
            String part = pattern[i];
            String segment = segments.get(i);
            if (part.startsWith("{}")) {
                String suffix = part.substring(2);
                if (!segment.endsWith(suffix) || segment.length() == suffix.length()) {
                    return null;
                }
                String digits = segment.substring(0, segment.length() - suffix.length());
                if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 18) {
                    return null;
                }
                ids[captured++] = Long.parseLong(digits);
            } else if (!part.equals(segment) && !part.equals(TOKEN)) {
                return null;
            }
        }
        return Arrays.copyOf(ids, captured);
    }

    /**
     * The resource a REST-style request sends: the body's root itself ({@code <status>...}), or that
     * element inside a {@code <request>} as the reference shows some of them.
     */
    private static XmlElement resource(XmlElement request, String name) {
        return request.name().equals(name) ? request : requiredChild(request, name);
    }

    private static XmlElement requiredChild(XmlElement request, String name) {
        XmlElement child = request.child(name);
        if (child == null) {
            throw EmulatorError.badInput();
        }
        return child;
    }

    private static String required(XmlElement element, String childName) {
        String text = element.childText(childName);
        if (text == null) {
            throw EmulatorError.badInput();
        }
        return text;
    }

    /** The {@code completed} attribute of a request's item (also accepted as a child element); null when absent. */
    private static Boolean completedFlag(XmlElement item) {
        String value = item.attribute("completed");
        return value != null ? parseFlag(value) : flag(item, "completed");
    }

    /** A child element holding {@code true}/{@code 1} or {@code false}/{@code 0}; null when absent. */
    private static Boolean flag(XmlElement element, String childName) {
        String value = element.childText(childName);
        return value == null ? null : parseFlag(value);
    }

    private static boolean parseFlag(String value) {
        return switch (value.strip()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw EmulatorError.badInput();
        };
    }

    /** The {@code <user_id>}s of a reminder's {@code <remindees>}; null when it has none, keeping (or defaulting) them. */
    private static List<Long> remindeeIds(XmlElement reminder) {
        XmlElement remindees = reminder.child("remindees");
        if (remindees == null) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (XmlElement userId : remindees.children("user_id")) {
            ids.add(parseId(userId.text()));
        }
        return ids;
    }

    /** A page number or size: a whole number from 0 up, else bad input. */
    private static int boundedNumber(String text) {
        long number = parseId(text);
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw EmulatorError.badInput();
        }
        return (int) number;
    }

    private static List<Long> idList(String text) {
        List<Long> ids = new ArrayList<>();
        for (String part : text.strip().split("[\\s,]+")) {
            if (!part.isEmpty()) {
                ids.add(parseId(part));
            }
        }
        return ids;
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw EmulatorError.badInput();
        }
    }
}
