package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.backpackbatch.store.Forget;
import org.backpackbatch.store.RetentionPolicy;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.StoreLock;
import org.backpackbatch.store.StoreSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "forget", mixinStandardHelpOptions = true, versionProvider = org.backpackbatch.Version.class,
        description = {"Removes the snapshots outside a retention policy, and the records only they held.",
                "Account by account, as restic: --keep-last N keeps the N newest complete snapshots; --keep-daily N the"
                        + " newest of each of the last N days that have one (--keep-weekly: ISO weeks, --keep-monthly:"
                        + " months; by start time in UTC). A snapshot kept by any rule stays. Suspect snapshots (they"
                        + " removed at least half of their parent's records) count for no rule. Unfinished snapshots"
                        + " (running, failed or interrupted), the newest complete one and the newest complete one that is"
                        + " not suspect are never removed. Spring Batch's history of the removed backups stays in the store."})
final class ForgetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The snapshot store (SQLite).")
    private Path db;

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest complete snapshots.")
    private Integer keepLast;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep the newest snapshot of each of the last N days that have one.")
    private Integer keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Keep the newest snapshot of each of the last N ISO weeks that have one.")
    private Integer keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "Keep the newest snapshot of each of the last N months that have one.")
    private Integer keepMonthly;

    @Option(names = "--dry-run", description = "Print what would be removed, and change nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        RetentionPolicy policy;
        try {
            policy = new RetentionPolicy(count("--keep-last", keepLast), count("--keep-daily", keepDaily),
                    count("--keep-weekly", keepWeekly), count("--keep-monthly", keepMonthly));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Forget.Result result;
        if (dryRun) {
            try (StoreSession session = StoreSession.open(db, false, false)) {
                result = Forget.run(session, policy, true);
            }
        } else {
            try (StoreLock lock = StoreLock.acquire(db, false); StoreSession session = StoreSession.open(db, false, true)) {
                result = Forget.run(session, policy, false);
            }
        }
        print(spec.commandLine().getOut(), result);
        return ExitCode.SUCCESS.code();
    }

    private static int count(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(option + " must be 1 or more, not " + value);
        }
        return value == null ? 0 : value;
    }

    private static void print(PrintWriter out, Forget.Result result) {
        if (result.decisions().isEmpty()) {
            out.println("the store has no snapshots");
            out.flush();
            return;
        }
        String account = null;
        for (RetentionPolicy.Decision decision : result.decisions()) {
            Snapshot s = decision.snapshot();
            if (!s.account().equals(account)) {
                account = s.account();
                out.println(account);
            }
            out.printf("  %-6s %d  %s%s%n", decision.keep() ? "keep" : "remove", s.id(), s.startedAt(),
                    decision.keep() ? "  " + String.join(", ", decision.reasons()) : "");
        }
        List<Snapshot> removed = result.removed();
        String ids = removed.stream().map(s -> Long.toString(s.id())).collect(Collectors.joining(", "));
        if (removed.isEmpty()) {
            out.println("nothing to remove: every snapshot is kept by the policy");
        } else if (result.dryRun()) {
            out.printf("would remove %d snapshot%s (%s) and %d versions that only %s held; nothing was changed (--dry-run)%n",
                    removed.size(), plural(removed), ids, result.freedVersions(), removed.size() == 1 ? "it" : "they");
        } else {
            out.printf("removed %d snapshot%s (%s) and %d versions that only %s held%n", removed.size(), plural(removed), ids,
                    result.freedVersions(), removed.size() == 1 ? "it" : "they");
            out.println("Spring Batch's history of those backups stays in the store; snapshot ids are never reused");
        }
        out.flush();
    }

    private static String plural(List<?> list) {
        return list.size() == 1 ? "" : "s";
    }
}
