package org.backpackbatch.emulator.seed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.User;

/**
 * A small hand-written account that reads like one household's Backpack, for demos and for tests
 * that want to recognise what they see. Every kind of content appears at least once.
 */
public final class DemoAccount {

    private static final String DONE = "[x] ";

    private DemoAccount() {
    }

    public static AccountSeed create(String accountName, LongSupplier ids) {
        AccountSeedBuilder account = new AccountSeedBuilder(accountName, ids);
        long lisbon = lisbonTrip(account);
        recipes(account);
        readingList(account);
        kitchenRenovation(account);
        long groceries = groceries(account);
        garden(account);
        annasWedding(account);
        giftIdeas(account);
        japanSomeday(account);
        account.page("Someday", Scope.PERSONAL);
        household(account, lisbon, groceries);
        return account.build();
    }

    /**
     * Sam, who owns the account, and Alex, who shares it: reminders for both (one already past),
     * their journals, Sam's status (Alex never set one), the family and home calendars, and each
     * one's bookmarks of a page and a tag. Added after the pages, so the page ids stay as they were.
     */
    private static void household(AccountSeedBuilder account, long lisbon, long groceries) {
        User sam = account.owner("Sam Harper", "sam.harper@example.com");
        User alex = account.user("Alex Harper");

        account.reminder(Duration.ofDays(-20), "Book the hotel in Lisbon", sam)
                .reminder(Duration.ofHours(26), "Call Dave about the plumbing quote", sam, alex)
                .reminder(Duration.ofDays(3).plusHours(4), "Renew passport before the trip", sam)
                .reminder(Duration.ofDays(12), "RSVP to Anna & Tom: the wedding is on the 17th", alex, sam, alex);

        account.journalEntry(sam, "Booked Lisbon! Three nights at the Avenida Palace.", "2007-03-12T21:45:03Z", "2007-03-12T21:45:03Z")
                .journalEntry(alex, "Measured the kitchen: 3.4 m × 2.9 m, smaller than we thought.", "2007-08-04T11:05:40Z",
                        "2007-08-04T11:07:12Z")
                .journalEntry(sam, "Finished \"Never Let Me Go\". Quietly devastating.", "2007-09-30T22:14:51Z", "2007-09-30T22:14:51Z")
                .journalEntry(alex, "Seeds ordered; the San Marzanos are back in stock.", "2008-02-03T16:02:18Z", "2008-02-03T16:02:18Z")
                .journalEntry(sam, "Ramen <3 — must learn to make the broth.\nKenji says: patience & pork bones.", "2008-06-15T08:20:37Z",
                        "2008-06-16T19:41:09Z");

        account.status(sam, "Choosing tiles for the kitchen", "2007-08-11T09:20:44Z");

        long family = account.calendar("Family", "#D96666", "2006-01-08T10:12:00Z", "2008-04-02T12:41:27Z");
        account.event(family, "Mum's birthday", "2008-03-02T00:00:00Z", true)
                .event(family, "Anna & Tom's wedding, St. Mary's", "2008-05-17T14:00:00Z", true)
                .event(family, "Fly to Lisbon (TP 1351)", "2007-05-14T12:30:00Z", false);
        long home = account.calendar("Home", "#668CD9", "2007-08-04T11:40:19Z", "2007-08-20T08:02:55Z");
        account.event(home, "Plumber: Dave Kowalski", "2007-08-20T09:00:00Z", true)
                .event(home, "Electrician (Sparks & Sons)", "2007-08-23T14:30:00Z", false);

        account.bookmarkPage(sam, lisbon)
                .bookmarkTag(sam, "Travel")
                .bookmarkPage(alex, groceries)
                .bookmarkTag(alex, "Home");
    }

    private static long lisbonTrip(AccountSeedBuilder account) {
        return account.page("Lisbon & Sintra, May 2007", Scope.PERSONAL)
                .note("Hotel", "2007-03-12 21:40:17", """
                        Hotel Avenida Palace, Rua 1º de Dezembro 123.
                        Three nights, 14–17 May. Late check-in is fine, they said so on the phone.
                        Breakfast included; ask for a room facing the Rossio.""")
                .list("Packing", checklist("2007-05-10 22:05:41",
                        DONE + "Passport",
                        DONE + "Euros & a credit card",
                        "Phone charger",
                        "Walking shoes",
                        "Sunscreen",
                        "Portuguese phrasebook",
                        "Rain jacket"))
                .separator("Day by day")
                .note("Itinerary", "2007-04-02 08:12:55", """
                        Mon: arrive 15:40, tram 28 up to Alfama.
                        Tue: Sintra, Pena Palace & Quinta da Regaleira.
                        Wed: Belém, pastéis de nata, the tower.
                        Thu: fly home at 18:05.""")
                .gallery("Sintra photos", List.of(
                        new ImageDraft("pena-palace.jpg", "Pena Palace from the Moorish castle"),
                        new ImageDraft("regaleira-well.jpg", "The initiation well at Regaleira"),
                        new ImageDraft("pasteis.jpg", "Pastéis de Belém, still warm")))
                .attachment("tap-boarding-passes.pdf")
                .tagged("Travel")
                .email("Booking confirmation: Hotel Avenida Palace", "2007-03-12 20:58:03", """
                        Dear Mr. Harper,
                        We are pleased to confirm your reservation from 14/05/2007 to 17/05/2007.
                        Room: classic double, breakfast included.
                        Kind regards,
                        Reception""")
                .email("Your TAP Portugal e-ticket", "2007-03-20 09:14:47", """
                        Booking reference: K7QX2M
                        TP 1351 LHR-LIS, 14 May 2007, departs 12:30
                        TP 1356 LIS-LHR, 17 May 2007, departs 18:05""")
                .email("Fwd: Sintra tips from Inês", "2007-04-28 18:31:09", """
                        Take the early train from Rossio: the queues at Pena are awful after 11.
                        Skip the palace café and eat at Piriquita (get the travesseiros!).""")
                .id();
    }

    private static void recipes(AccountSeedBuilder account) {
        account.page("Recipes", Scope.PERSONAL)
                .note("Crème brûlée", "2006-02-11 17:22:08", """
                        Serves 6.
                        500 ml double cream, 1 vanilla pod, 6 egg yolks, 100 g caster sugar.
                        Bake at 150 °C in a water bath for 35-40 min, then chill overnight.
                        Caramelise the sugar just before serving.""")
                .note("Mac & cheese (Grandma's)", "2006-05-03 19:45:31", """
                        Macaroni, sharp cheddar, a little Gruyère, mustard powder.
                        Her secret: a spoon of the pasta water in the sauce.""")
                .list("To try", checklist("2006-09-17 10:03:12",
                        DONE + "Shakshuka",
                        "Pho from scratch",
                        "Käsespätzle",
                        "Tarte tatin",
                        DONE + "Dal makhani"))
                .tagged("Food");
    }

    private static void readingList(AccountSeedBuilder account) {
        account.page("Reading list", Scope.PERSONAL)
                .note("Why this list", "2005-11-02 22:10:45",
                        "One long book a month, nothing work-related. Ticked means finished, not abandoned.")
                .list("2006", checklist("2006-12-28 23:01:19",
                        DONE + "Gabriel García Márquez, One Hundred Years of Solitude",
                        DONE + "Kazuo Ishiguro, Never Let Me Go",
                        DONE + "Cormac McCarthy, The Road",
                        "Thomas Pynchon, Against the Day",
                        "Orhan Pamuk, Snow"))
                .list("Articles to finish", checklist("2007-01-14 08:45:02",
                        "Atul Gawande, \"The Checklist\" (The New Yorker)",
                        DONE + "Paul Graham, How to Do What You Love",
                        "Malcolm Gladwell on ketchup"))
                .tagged("Long Reads");
    }

    private static void kitchenRenovation(AccountSeedBuilder account) {
        account.page("Kitchen renovation", Scope.PERSONAL)
                .note("Budget", "2007-08-04 11:20:00", """
                        Total cap: $18,000.
                        Cabinets about 40%, counters 20%, appliances 25%, the rest for surprises.
                        Plumbing & electrics quotes < $5,000 are not realistic, says Dave.""")
                .list("To do", checklist("2007-08-04 11:32:51",
                        DONE + "Measure the room",
                        DONE + "Pick the cabinet colour",
                        "Get three plumbing quotes",
                        "Order the tiles",
                        "Book the electrician",
                        "Choose a sink"))
                .separator("Contractors")
                .note("Contacts", "2007-08-06 19:02:37", """
                        Dave Kowalski, plumbing, 555-0142
                        Rénovations Côté, cabinets: ask for Hélène
                        Sparks & Sons, electrics""")
                .list("Shopping", checklist("2007-08-11 09:15:26",
                        "Grout",
                        "Drawer pulls ×14",
                        DONE + "Paint samples"))
                .tagged("Home");
    }

    private static long groceries(AccountSeedBuilder account) {
        return account.page("Groceries", Scope.PERSONAL)
                .list("This week", checklist("2008-02-23 10:12:09",
                        "Milk",
                        "Eggs",
                        "Gruyère",
                        "Sourdough",
                        DONE + "Coffee beans",
                        "Bananas"))
                .tagged("Food", "Home")
                .id();
    }

    private static void garden(AccountSeedBuilder account) {
        account.page("Garden", Scope.PERSONAL)
                .note("Spring plan", "2008-02-03 15:48:20", """
                        Raised bed by the fence gets tomatoes & basil.
                        Move the rosemary somewhere sunnier.""")
                .list("Seeds to order", checklist("2008-02-03 15:55:42",
                        "San Marzano tomatoes",
                        "Genovese basil",
                        DONE + "Sweet peas",
                        "Nasturtiums"))
                .tagged("Home");
    }

    private static void annasWedding(AccountSeedBuilder account) {
        // Shared with this account by Anna: it appears with scope friends.
        account.page("Anna & Tom's wedding", Scope.FRIENDS)
                .note("Schedule", "2008-04-02 12:30:00", """
                        Ceremony at 14:00 at St. Mary's.
                        Reception at the Old Mill from 17:30.
                        Please RSVP by 1 May!""")
                .list("Who brings what", checklist("2008-04-19 20:41:13",
                        DONE + "Tom: speakers",
                        "Jo: cake stand",
                        "Marc: fairy lights",
                        "Zoë: guest book"));
    }

    private static void giftIdeas(AccountSeedBuilder account) {
        account.page("Gift ideas", Scope.PERSONAL)
                .list("Christmas 2007", checklist("2007-11-25 21:07:33",
                        DONE + "Mum: the Le Creuset casserole",
                        "Dad: Seamus Heaney, District and Circle",
                        "Ella: a proper sketchbook & pencils"))
                .tagged("Family");
    }

    private static void japanSomeday(AccountSeedBuilder account) {
        account.page("Japan, someday", Scope.PERSONAL)
                .note("Rail pass", "2008-06-14 22:19:58",
                        "A 14-day JR pass covers Tokyo, Kyoto (京都) and Hiroshima; buy it before leaving home.")
                .note("", "2008-06-15 08:03:11", "Ask Kenji about ryokan near Arashiyama.")
                .tagged("Travel", "Someday Maybe");
    }

    /** The items of a hand-written list; a line starting with "[x] " is a completed item. */
    private static List<ItemDraft> checklist(String updatedAt, String... lines) {
        List<ItemDraft> items = new ArrayList<>(lines.length);
        for (String line : lines) {
            boolean completed = line.startsWith(DONE);
            items.add(new ItemDraft(completed ? line.substring(DONE.length()) : line, completed, updatedAt));
        }
        return items;
    }
}
