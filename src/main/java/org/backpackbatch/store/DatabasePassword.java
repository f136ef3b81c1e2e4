package org.backpackbatch.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.backpackbatch.api.Secrets;

/**
 * A PostgreSQL store's password, as the API token is kept: never an option value or part of the
 * URL, read from {@code --db-password-file} (its first line) or else {@code $BACKPACK_DB_PASSWORD},
 * and scrubbed from every line the process writes from the moment it is read.
 */
final class DatabasePassword {

    /** Where the password comes from when no --db-password-file is given. */
    static final String VARIABLE = "BACKPACK_DB_PASSWORD";

    private DatabasePassword() {
    }

    /** The password for {@code database}, or null when neither the file nor the variable gives one (the server may not ask). */
    static String of(StoreLocation.PostgresDatabase database, Map<String, String> environment) {
        String password;
        if (database.passwordFile() != null) {
            Path file = database.passwordFile();
            try {
                password = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            } catch (IOException | UncheckedIOException e) {
                throw new StoreProblem("cannot read the password file " + file + ": " + e.getClass().getSimpleName());
            }
            if (password.isEmpty()) {
                throw new StoreProblem("the password file " + file + " is empty");
            }
        } else {
            String variable = environment.get(VARIABLE);
            password = variable == null || variable.isBlank() ? null : variable.strip();
        }
        Secrets.register(password);
        return password;
    }
}
