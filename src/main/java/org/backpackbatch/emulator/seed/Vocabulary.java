package org.backpackbatch.emulator.seed;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The words generated accounts are written with. Besides plain English they carry what a backup
 * must survive: XML specials ({@code & < > ' "}), accents, CJK and emoji; never a control
 * character other than a newline, so every text stays legal in XML 1.0.
 */
final class Vocabulary {

    private static final String[] PLACES = {
        "Lisbon", "Kyoto 京都", "Zürich", "São Paulo", "Reykjavík", "Montréal", "Tokyo 東京", "Berlin",
        "Oaxaca", "Málaga", "Ghent", "Portland",
    };
    private static final String[] THINGS = {
        "passport", "groceries", "tickets", "tax return", "bike lights", "guest room", "kitchen tiles",
        "book club", "dentist", "car insurance", "garden hose", "Q3 report", "wedding toast", "camera bag",
        "vinyl shelf", "sourdough starter", "piano lessons", "café au lait", "crème brûlée", "façade paint",
        "résumé", "Müller's bakery", "Jürgen's thesis", "über-cheap flights", "日本語 lessons", "東京 hotel",
        "ラーメン recipe", "🎒 backpack", "rock & roll records", "R&D notes", "<draft> budget",
        "screws < 10 mm", "shelf > 2 m", "\"someday\" ideas", "Grandma's quilt", "O'Brien invoice",
    };
    private static final String[] ACTIONS = {
        "Buy", "Book", "Call about", "Fix", "Read up on", "Pack", "Return", "Plan", "Try", "Pick up",
        "Cancel", "Order", "Clean", "Sort out", "Ask about", "Write up",
    };
    private static final String[] ASIDES = {
        "before Friday", "for the trip", "(again)", "if it's cheap", "& the rest", "< 20 €", "🎒", "日本語で",
        "über-important", "\"later\"", "> 2 hours", "this weekend", "for Zoë", "by the 15th", "— ask Hélène",
    };
    private static final String[] PEOPLE = {
        "Anna", "Jürgen", "Zoë", "Hélène", "Kenji 健二", "Dave", "Inês", "Marc", "Mrs. O'Neill",
    };
    // Commonest first: tag picks lean towards the front of this list.
    private static final String[] TAG_NAMES = {
        "Travel", "Home", "Food", "Work", "Long Reads", "Books", "To Do", "Family", "Someday Maybe",
        "Garden", "Kids", "Finance", "Health", "Music", "Projects", "Ideas", "Shopping", "Gifts", "Recipes",
        "Weekend", "Café", "Zürich", "日本", "Read Later", "Car", "Taxes", "Photos", "Archive",
        "Big Trip 2008", "Waiting For",
    };
    private static final String[] SEPARATOR_NAMES = {
        "Later", "Done", "Details", "Misc & other", "Phase 2", "日本語", "🎒 Packing", "Old stuff",
        "Waiting for <reply>", "Dave's bits", "Résumé",
    };
    private static final String[] GALLERY_NAMES = {
        "Photos", "Sketches", "Before & after", "京都 snapshots", "Inspiration", "Whiteboard",
    };
    private static final String[] CALENDAR_NAMES = {
        "Family", "Work", "Birthdays", "Trips 🎒", "Garden & allotment", "Book club", "日本語 class", "Kids' school",
        "Concerts <live>", "Dentist & doctors",
    };
    private static final String[] CALENDAR_COLORS = {
        "#D96666", "#668CD9", "#8CBF40", "#E0C240", "#B373B3", "#59BFB3", "#E6804D", "#8997A5",
    };
    private static final String[] ATTACHMENT_NAMES = {
        "tickets.pdf", "floor-plan.pdf", "budget 2007.xls", "résumé.doc", "地図.png", "scan & notes.pdf",
        "contract.pdf", "minutes-2006-10.doc",
    };

    // Phrases are composed once, from a fixed seed: all generated pages share these instances, so
    // even 20,000 pages hold few distinct strings.
    private static final long PHRASE_SEED = 2005L;
    private static final String[] PAGE_TITLES = phrases(1024, Vocabulary::composePageTitle);
    private static final String[] LIST_NAMES = phrases(512, Vocabulary::composeListName);
    private static final String[] NOTE_TITLES = phrases(1024, Vocabulary::composeNoteTitle);
    private static final String[] ITEM_CONTENTS = phrases(4096, Vocabulary::composeItemContent);
    private static final String[] SENTENCES = phrases(2048, Vocabulary::composeSentence);
    private static final String[] EMAIL_SUBJECTS = phrases(256, Vocabulary::composeEmailSubject);

    private Vocabulary() {
    }

    static String pageTitle(SplittableRandom random) {
        return pick(PAGE_TITLES, random);
    }

    static String listName(SplittableRandom random) {
        return pick(LIST_NAMES, random);
    }

    static String noteTitle(SplittableRandom random) {
        return pick(NOTE_TITLES, random);
    }

    static String itemContent(SplittableRandom random) {
        return pick(ITEM_CONTENTS, random);
    }

    static String separatorName(SplittableRandom random) {
        return pick(SEPARATOR_NAMES, random);
    }

    static String galleryName(SplittableRandom random) {
        return pick(GALLERY_NAMES, random);
    }

    static String imageFileName(SplittableRandom random) {
        return "IMG_" + random.nextInt(1000, 10_000) + ".jpg";
    }

    static String imageDescription(SplittableRandom random) {
        return pick(SENTENCES, random);
    }

    static String attachmentName(SplittableRandom random) {
        return pick(ATTACHMENT_NAMES, random);
    }

    static String emailSubject(SplittableRandom random) {
        return pick(EMAIL_SUBJECTS, random);
    }

    /** The name of the account's {@code index}th user besides its owner: a first name, numbered when they run out. */
    static String userName(int index) {
        String name = PEOPLE[index % PEOPLE.length];
        return index < PEOPLE.length ? name : name + " " + (index / PEOPLE.length + 1);
    }

    static String calendarName(int index) {
        return CALENDAR_NAMES[index % CALENDAR_NAMES.length];
    }

    static String calendarColor(SplittableRandom random) {
        return pick(CALENDAR_COLORS, random);
    }

    /** A body of {@code lines} sentences, one per line. */
    static String body(SplittableRandom random, int lines) {
        StringBuilder body = new StringBuilder(pick(SENTENCES, random));
        for (int line = 1; line < lines; line++) {
            body.append('\n').append(pick(SENTENCES, random));
        }
        return body.toString();
    }

    /** {@code count} tag names, the common ones more often; a name may come twice (a page keeps it once). */
    static String[] tagNames(SplittableRandom random, int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            // The smaller of two uniform picks favours the front of the list, like real tag use.
            names[i] = TAG_NAMES[Math.min(random.nextInt(TAG_NAMES.length), random.nextInt(TAG_NAMES.length))];
        }
        return names;
    }

    private static String composePageTitle(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> "Trip to " + pick(PLACES, random);
            case 1 -> capitalized(pick(THINGS, random));
            case 2 -> pick(PLACES, random) + " & " + pick(PLACES, random);
            case 3 -> "Ideas for " + pick(THINGS, random);
            default -> capitalized(pick(THINGS, random)) + " " + pick(ASIDES, random);
        };
    }

    private static String composeListName(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> "Packing for " + pick(PLACES, random);
            case 1 -> capitalized(pick(THINGS, random));
            case 2 -> "To do " + pick(ASIDES, random);
            default -> "Shopping for " + pick(THINGS, random);
        };
    }

    private static String composeNoteTitle(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> capitalized(pick(THINGS, random));
            case 1 -> "Call with " + pick(PEOPLE, random);
            case 2 -> "Notes from " + pick(PLACES, random);
            default -> pick(PEOPLE, random) + " on " + pick(THINGS, random);
        };
    }

    private static String composeItemContent(SplittableRandom random) {
        String task = pick(ACTIONS, random) + " " + pick(THINGS, random);
        return random.nextBoolean() ? task : task + " " + pick(ASIDES, random);
    }

    private static String composeSentence(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> pick(ACTIONS, random) + " " + pick(THINGS, random) + " " + pick(ASIDES, random) + ".";
            case 1 -> "Don't forget the " + pick(THINGS, random) + ".";
            case 2 -> pick(PEOPLE, random) + " says \"" + pick(THINGS, random) + "\" is " + pick(ASIDES, random) + ".";
            case 3 -> "Costs < 50 € & worth it for the " + pick(THINGS, random) + "?";
            case 4 -> "日本語のメモ: " + pick(THINGS, random) + ".";
            case 5 -> pick(PEOPLE, random) + " will bring the " + pick(THINGS, random) + ".";
            case 6 -> "Check the opening hours in " + pick(PLACES, random) + " first.";
            default -> "Back from " + pick(PLACES, random) + " 🎒 — " + pick(THINGS, random) + " next.";
        };
    }

    private static String composeEmailSubject(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> "Re: " + capitalized(pick(THINGS, random));
            case 1 -> "Fwd: " + pick(PLACES, random) + " plans";
            default -> "Your " + pick(THINGS, random) + " order";
        };
    }

    private static String[] phrases(int count, Function<SplittableRandom, String> compose) {
        SplittableRandom random = new SplittableRandom(PHRASE_SEED);
        String[] phrases = new String[count];
        for (int i = 0; i < count; i++) {
            phrases[i] = compose.apply(random);
        }
        return phrases;
    }

    private static String pick(String[] choices, SplittableRandom random) {
        return choices[random.nextInt(choices.length)];
    }

    private static String capitalized(String text) {
        int first = text.codePointAt(0);
        return new StringBuilder(text.length()).appendCodePoint(Character.toUpperCase(first))
                .append(text, Character.charCount(first), text.length()).toString();
    }
}
