package org.backpackbatch.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One account to host: its name (the last part of its base URL) and its seed, or null for the default seed. */
public record AccountSpec(String name, String seed) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public AccountSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("account name '" + name + "' must be lowercase letters, digits and dashes");
        }
        if (seed != null) {
            Seeds.check(seed);
        }
    }

    /** Parses {@code NAME[:SEED][,NAME[:SEED]...]}. */
    public static List<AccountSpec> parseList(String text) {
        List<AccountSpec> specs = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] nameAndSeed = part.trim().split(":", 2);
            AccountSpec spec = new AccountSpec(nameAndSeed[0].trim(), nameAndSeed.length == 2 ? nameAndSeed[1].trim() : null);
            if (specs.stream().anyMatch(other -> other.name().equals(spec.name()))) {
                throw new IllegalArgumentException("account '" + spec.name() + "' is named twice");
            }
            specs.add(spec);
        }
        return specs;
    }
}
