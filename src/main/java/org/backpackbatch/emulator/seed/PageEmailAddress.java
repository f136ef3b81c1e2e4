package org.backpackbatch.emulator.seed;

/** A page's email address, like Backpack's own: five lowercase letters or digits, derived from the page id. */
public final class PageEmailAddress {

    private static final int LOCAL_PART_LENGTH = 5;
    private static final long LOCAL_PARTS = 60_466_176L; // 36^5
    // a multiplier coprime with 36^5 makes the scramble one-to-one: no two pages share an address
    private static final long SCRAMBLE_FACTOR = 48_271L;
    private static final long SCRAMBLE_OFFSET = 24_681_357L;

    private PageEmailAddress() {
    }

    public static String of(long pageId, String accountName) {
        long scrambled = (Math.floorMod(pageId, LOCAL_PARTS) * SCRAMBLE_FACTOR + SCRAMBLE_OFFSET) % LOCAL_PARTS;
        StringBuilder localPart = new StringBuilder(Long.toString(scrambled, 36));
        while (localPart.length() < LOCAL_PART_LENGTH) {
            localPart.insert(0, '0');
        }
        return localPart + "@" + accountName + ".backpackit.com";
    }
}
