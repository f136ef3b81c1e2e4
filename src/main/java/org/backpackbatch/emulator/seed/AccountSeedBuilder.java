package org.backpackbatch.emulator.seed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;

/** Collects the pages of one seeded account, in the order they are started, with its shared tags. */
final class AccountSeedBuilder {

    private static final int LOCAL_PART_LENGTH = 5;
    private static final long LOCAL_PARTS = 60_466_176L; // 36^5
    // Coprime with 36^5, so the scramble below is a bijection: no two page ids share an address.
    private static final long SCRAMBLE_FACTOR = 48_271L;
    private static final long SCRAMBLE_OFFSET = 24_681_357L;

    private final String accountName;
    private final LongSupplier ids;
    private final AccountTags tags;
    private final List<PageBuilder> pages = new ArrayList<>();

    AccountSeedBuilder(String accountName, LongSupplier ids) {
        if (accountName == null || accountName.isBlank()) {
            throw new IllegalArgumentException("an account name is needed: it is the host of every page's email address");
        }
        this.accountName = accountName;
        this.ids = ids;
        this.tags = new AccountTags(ids);
    }

    PageBuilder page(String title, Scope scope) {
        long id = ids.getAsLong();
        PageBuilder page = new PageBuilder(id, title, scope, emailAddress(id), ids, tags);
        pages.add(page);
        return page;
    }

    AccountSeed build() {
        List<Page> built = new ArrayList<>(pages.size());
        Map<Long, List<Email>> emailsByPage = new LinkedHashMap<>();
        for (PageBuilder page : pages) {
            built.add(page.build());
            if (!page.emails().isEmpty()) {
                emailsByPage.put(page.id(), page.emails());
            }
        }
        return new AccountSeed(built, emailsByPage);
    }

    /** Like Backpack's own addresses: five lowercase letters or digits, derived from the page id. */
    private String emailAddress(long pageId) {
        long scrambled = (Math.floorMod(pageId, LOCAL_PARTS) * SCRAMBLE_FACTOR + SCRAMBLE_OFFSET) % LOCAL_PARTS;
        StringBuilder localPart = new StringBuilder(Long.toString(scrambled, 36));
        while (localPart.length() < LOCAL_PART_LENGTH) {
            localPart.insert(0, '0');
        }
        return localPart + "@" + accountName + ".backpackit.com";
    }
}
