package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.StoreSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "snapshots", mixinStandardHelpOptions = true, versionProvider = org.backpackbatch.Version.class,
        description = {"Lists the snapshots of the store, oldest first.",
                "One line (or JSON object) each: id, status, start and finish (UTC), the records it holds, how many"
                        + " it added, changed and removed since its parent, and whether it is suspect: it removed at least half"
                        + " of its parent's records (an outage, an emptied account), so forget does not count it toward --keep-*"
                        + " and never removes the newest complete snapshot that is not suspect."})
final class SnapshotsCommand implements Callable<Integer> {

    /** The status column fits the longest status, 'interrupted'. */
    private static final String COLUMNS = "%-11s %-20s %-20s %5s %5s %5s %6s %5s %5s %6s %6s %7s %7s %-7s  %s";

    @Spec
    private CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The snapshot store (SQLite).")
    private Path db;

    @Option(names = "--account", paramLabel = "URL", description = "Only the snapshots of this account.")
    private String account;

    @Option(names = "--json", description = "One JSON object per snapshot and line, instead of the table.")
    private boolean json;

    @Override
    public Integer call() {
        String accountUrl = account == null ? null : parseAccount(account);
        PrintWriter out = spec.commandLine().getOut();
        List<Snapshot> snapshots;
        try (StoreSession session = StoreSession.open(db, false, false)) {
            snapshots = session.snapshots().snapshots(accountUrl);
        }
        if (json) {
            snapshots.forEach(snapshot -> out.println(json(snapshot)));
        } else if (snapshots.isEmpty()) {
            out.println(accountUrl == null ? "no snapshots in " + db : "no snapshots of " + accountUrl + " in " + db);
        } else {
            int idWidth = snapshots.stream().mapToInt(s -> Long.toString(s.id()).length()).max().orElse(2);
            out.printf("%" + Math.max(2, idWidth) + "s " + COLUMNS + "%n", "ID", "STATUS", "STARTED", "FINISHED", "PAGES", "NOTES",
                    "LISTS", "ITEMS", "TAGS", "SEPS", "EMAILS", "ADDED", "CHANGED", "REMOVED", "SUSPECT", "ACCOUNT");
            for (Snapshot s : snapshots) {
                Snapshot.Counts c = s.counts();
                out.printf("%" + Math.max(2, idWidth) + "d " + COLUMNS + "%n", s.id(), s.status(), s.startedAt(),
                        s.finishedAt() == null ? "-" : s.finishedAt(), c.pages(), c.notes(), c.lists(), c.items(), c.tags(),
                        c.separators(), c.emails(), s.changes().added(), s.changes().changed(), s.changes().removed(),
                        s.suspect() ? "yes" : "-", s.account());
            }
        }
        out.flush();
        return ExitCode.SUCCESS.code();
    }

    private static String parseAccount(String text) {
        try {
            return AccountUrl.parse(text).toString();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static JsonLine json(Snapshot s) {
        Snapshot.Counts c = s.counts();
        return new JsonLine()
                .add("id", s.id())
                .add("account", s.account())
                .add("parent", s.parentId())
                .add("origin", s.origin())
                .add("status", s.status())
                .add("include", s.include())
                .add("started", s.startedAt())
                .add("finished", s.finishedAt())
                .add("counts", new JsonLine().add("pages", c.pages()).add("notes", c.notes()).add("lists", c.lists())
                        .add("items", c.items()).add("tags", c.tags()).add("separators", c.separators()).add("emails", c.emails()))
                .add("changes", new JsonLine().add("added", s.changes().added()).add("changed", s.changes().changed())
                        .add("removed", s.changes().removed()))
                .add("requests", s.requests())
                .add("suspect", s.suspect())
                .add("vanished", s.vanished());
    }
}
