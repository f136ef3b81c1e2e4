package org.backpackbatch.emulator.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.backpackbatch.api.model.Scope;

/**
 * A large account made up from a seed value, for load tests and benchmarks: the same page count,
 * seed value and id sequence always give the same account. It mixes what real accounts hold,
 * including the awkward parts: empty pages, untitled notes, long lists, shared pages, emails,
 * galleries and attachments, and text full of XML specials, accents, CJK and emoji.
 */
public final class GeneratedAccount {

    private static final int FRIENDS_PERCENT = 5;
    private static final int EMPTY_PAGE_PERCENT = 4;
    private static final int PAGE_WITH_EMAILS_PERCENT = 3;
    private static final int MAX_EMAILS_ON_A_PAGE = 3;
    private static final int MAX_WIDGETS_ON_A_PAGE = 7;
    private static final int MAX_TAGS_ON_A_PAGE = 3;
    private static final int UNTITLED_NOTE_PERCENT = 10;
    private static final int MAX_BODY_LINES = 5;
    private static final int LONG_LIST_PERCENT = 4;
    private static final int MAX_SHORT_LIST = 15;
    private static final int MAX_LONG_LIST = 200;
    private static final int COMPLETED_ITEM_PERCENT = 30;
    private static final int MAX_GALLERY_IMAGES = 4;

    private final SplittableRandom random;
    private final AccountSeedBuilder account;

    private GeneratedAccount(SplittableRandom random, AccountSeedBuilder account) {
        this.random = random;
        this.account = account;
    }

    public static AccountSeed generate(int pageCount, long seedValue, String accountName, LongSupplier ids) {
        if (pageCount < 0) {
            throw new IllegalArgumentException("the page count cannot be negative, got " + pageCount);
        }
        GeneratedAccount generated = new GeneratedAccount(new SplittableRandom(seedValue), new AccountSeedBuilder(accountName, ids));
        for (int i = 0; i < pageCount; i++) {
            generated.addPage();
        }
        return generated.account.build();
    }

    private void addPage() {
        Scope scope = chance(FRIENDS_PERCENT) ? Scope.FRIENDS : Scope.PERSONAL;
        PageBuilder page = account.page(Vocabulary.pageTitle(random), scope);
        if (!chance(EMPTY_PAGE_PERCENT)) {
            int widgets = random.nextInt(1, MAX_WIDGETS_ON_A_PAGE + 1);
            for (int i = 0; i < widgets; i++) {
                addWidget(page);
            }
        }
        page.tagged(Vocabulary.tagNames(random, random.nextInt(MAX_TAGS_ON_A_PAGE + 1)));
        if (chance(PAGE_WITH_EMAILS_PERCENT)) {
            int emails = random.nextInt(1, MAX_EMAILS_ON_A_PAGE + 1);
            for (int i = 0; i < emails; i++) {
                page.email(Vocabulary.emailSubject(random), timestamp(), body());
            }
        }
    }

    private void addWidget(PageBuilder page) {
        int kind = random.nextInt(100);
        if (kind < 45) {
            page.note(chance(UNTITLED_NOTE_PERCENT) ? "" : Vocabulary.noteTitle(random), timestamp(), body());
        } else if (kind < 80) {
            page.list(Vocabulary.listName(random), items());
        } else if (kind < 94) {
            page.separator(Vocabulary.separatorName(random));
        } else if (kind < 97) {
            page.gallery(Vocabulary.galleryName(random), images());
        } else {
            page.attachment(Vocabulary.attachmentName(random));
        }
    }

    /** Most lists are short; a few run long, as a real backup's slowest pages do. */
    private List<ItemDraft> items() {
        int count = chance(LONG_LIST_PERCENT)
                ? random.nextInt(MAX_SHORT_LIST + 1, MAX_LONG_LIST + 1)
                : random.nextInt(MAX_SHORT_LIST + 1);
        long created = SeedTimestamps.creation(random);
        // Open items keep the list's creation time, sharing one string; completing an item moves its updated_at.
        String createdAt = SeedTimestamps.format(created);
        List<ItemDraft> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean completed = chance(COMPLETED_ITEM_PERCENT);
            String updatedAt = completed ? SeedTimestamps.format(SeedTimestamps.editAfter(created, random)) : createdAt;
            items.add(new ItemDraft(Vocabulary.itemContent(random), completed, updatedAt));
        }
        return items;
    }

    private List<ImageDraft> images() {
        int count = random.nextInt(1, MAX_GALLERY_IMAGES + 1);
        List<ImageDraft> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(new ImageDraft(Vocabulary.imageFileName(random), Vocabulary.imageDescription(random)));
        }
        return images;
    }

    private String timestamp() {
        return SeedTimestamps.format(SeedTimestamps.creation(random));
    }

    private String body() {
        return Vocabulary.body(random, random.nextInt(1, MAX_BODY_LINES + 1));
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }
}
