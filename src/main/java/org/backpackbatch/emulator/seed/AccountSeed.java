package org.backpackbatch.emulator.seed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Page;

/**
 * The starting content of an emulated account: its pages in order, and the emails sent to some of
 * them (the API can list emails but not create them, so they can only come from a seed). A page
 * without emails may be absent from {@code emailsByPage}.
 */
public record AccountSeed(List<Page> pages, Map<Long, List<Email>> emailsByPage) {

    public AccountSeed {
        pages = List.copyOf(pages);
        // A linked copy keeps the given order, so whoever walks the map does so deterministically.
        Map<Long, List<Email>> emails = new LinkedHashMap<>();
        emailsByPage.forEach((pageId, pageEmails) -> emails.put(pageId, List.copyOf(pageEmails)));
        emailsByPage = Collections.unmodifiableMap(emails);
    }
}
