package org.backpackbatch.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backpackbatch.app.RestoreRequest;
import org.backpackbatch.app.TokenSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a restore, on the command line and in a restore job file. */
public final class RestoreOptions {

    /** Where the target's token comes from when no --target-token-file is given. */
    public static final String TOKEN_VARIABLE = "BACKPACK_TARGET_TOKEN";

    @Mixin
    StoreOption store;

    @Mixin
    AccountOptions target;

    @Option(names = "--target-token-file", paramLabel = "FILE",
            description = "File whose first line is the target account's token (else $" + TOKEN_VARIABLE + ").")
    Path targetTokenFile;

    @Option(names = "--snapshot", paramLabel = "ID", description = "The snapshot to restore (default: the latest complete one).")
    Long snapshot;

    @Option(names = "--page", paramLabel = "ID", split = ",", description = "Restore only this page (repeatable).")
    List<Long> pages = new ArrayList<>();

    @Option(names = "--include-friends", description = "Also recreate pages other users shared with the account.")
    boolean includeFriends;

    @Option(names = "--emails-as-notes", description = "Bring emails back as notes (the API cannot create emails).")
    boolean emailsAsNotes;

    @Option(names = "--dry-run", description = "Print the plan (requests per kind) and change nothing in the target.")
    boolean dryRun;

    public RestoreRequest request() {
        return new RestoreRequest(store.location(), target.access(new TokenSource(targetTokenFile, TOKEN_VARIABLE)), snapshot, pages,
                includeFriends, emailsAsNotes, dryRun);
    }
}
