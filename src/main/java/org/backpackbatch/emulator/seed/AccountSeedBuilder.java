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
        PageBuilder page = new PageBuilder(id, title, scope, PageEmailAddress.of(id, accountName), ids, tags);
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
}
