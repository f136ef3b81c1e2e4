package org.backpackbatch.emulator;

import java.util.function.LongSupplier;
import org.backpackbatch.emulator.seed.AccountSeed;
import org.backpackbatch.emulator.seed.DemoAccount;
import org.backpackbatch.emulator.seed.GeneratedAccount;

/** The seeds an account can start from: {@code demo}, {@code empty}, or a number of generated pages. */
final class Seeds {

    private Seeds() {
    }

    static void check(String seed) {
        if (!seed.equals("demo") && !seed.equals("empty") && !seed.matches("\\d{1,7}")) {
            throw new IllegalArgumentException("seed '" + seed + "' is not demo, empty or a number of pages");
        }
    }

    static AccountSeed create(String seed, long seedValue, String accountName, LongSupplier ids) {
        check(seed);
        return switch (seed) {
            case "demo" -> DemoAccount.create(accountName, ids);
            case "empty" -> AccountSeed.empty(accountName, ids);
            default -> GeneratedAccount.generate(Integer.parseInt(seed), seedValue, accountName, ids);
        };
    }
}
