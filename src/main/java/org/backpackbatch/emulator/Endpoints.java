package org.backpackbatch.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.xml.XmlElement;

/**
 * The endpoint table of the emulated service: method and path pattern to the account operation,
 * with the request elements each endpoint reads and the answer it writes.
 */
final class Endpoints {

    /** What an endpoint does with the captured path ids and the parsed request. */
    @FunctionalInterface
    interface Handler {
        Answer handle(EmulatedAccount account, long[] ids, XmlElement request);
    }

    private record Route(String method, String[] pattern, Handler handler) {
    }

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
    }

    /** The handler for a request, bound to its path ids; null when no endpoint has that path. */
    Bound find(String method, List<String> segments) {
        boolean pathKnown = false;
        for (Route route : routes) {
            long[] ids = match(route.pattern(), segments);
            if (ids != null) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    return new Bound(route.handler(), ids, false);
                }
            }
        }
        return pathKnown ? new Bound(null, null, true) : null;
    }

    /** A matched endpoint, or a known path asked with the wrong method. */
    record Bound(Handler handler, long[] ids, boolean wrongMethod) {
    }

    /** True for the REST-style endpoints, which also take the token by HTTP Basic. */
    static boolean isRestStyle(List<String> segments) {
        return !segments.isEmpty() && !segments.get(0).equals("ws");
    }

    private void post(String pattern, Handler handler) {
        route("POST", pattern, handler);
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
            } else if (!part.equals(segment)) {
                return null;
            }
        }
        return Arrays.copyOf(ids, captured);
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
        if (value == null) {
            value = item.childText("completed");
        }
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw EmulatorError.badInput();
        };
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
