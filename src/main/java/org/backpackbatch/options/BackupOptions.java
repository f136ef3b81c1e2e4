package org.backpackbatch.options;

import java.nio.file.Path;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.app.BackupRequest;
import org.backpackbatch.app.TokenSource;
import org.backpackbatch.store.Include;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a backup, on the command line and in a backup job file. */
public final class BackupOptions {

    /** Where the token comes from when no --token-file is given. */
    public static final String TOKEN_VARIABLE = "BACKPACK_TOKEN";

    @Mixin
    StoreOption store;

    @Mixin
    AccountOptions account;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File whose first line is the API token (else $" + TOKEN_VARIABLE + ").")
    Path tokenFile;

    @Option(names = "--include", defaultValue = "all", paramLabel = "core|all|LIST", converter = Converters.Includes.class,
            description = "core: pages/all and every full page; all (default): everything the token can read; LIST: core and a choice"
                    + " of emails,users,reminders,journal,statuses,calendars,bookmarks.")
    Include include;

    public BackupRequest request() {
        return new BackupRequest(store.location(), account.access(new TokenSource(tokenFile, TOKEN_VARIABLE)), include);
    }

    /** The same backup of another account, with its own token file: one account of a job's {@code accounts:} file. */
    public BackupRequest request(AccountUrl other, Path otherTokenFile) {
        return new BackupRequest(store.location(), account.access(other, new TokenSource(otherTokenFile, TOKEN_VARIABLE)), include);
    }
}
