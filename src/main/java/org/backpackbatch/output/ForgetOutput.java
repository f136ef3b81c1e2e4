package org.backpackbatch.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.backpackbatch.store.Forget;
import org.backpackbatch.store.RetentionPolicy;
import org.backpackbatch.store.Snapshot;

/** How {@code forget} shows what the policy kept and removed. */
public final class ForgetOutput {

    private ForgetOutput() {
    }

    public static void text(PrintWriter out, Forget.Result result) {
        if (result.decisions().isEmpty()) {
            out.println("the store has no snapshots");
            return;
        }
        String account = null;
        for (RetentionPolicy.Decision decision : result.decisions()) {
            Snapshot s = decision.snapshot();
            if (!s.account().equals(account)) {
                account = s.account();
                out.println(account);
            }
            out.printf(Locale.ROOT, "  %-6s %d  %s%s%n", decision.keep() ? "keep" : "remove", s.id(), s.startedAt(),
                    decision.keep() ? "  " + String.join(", ", decision.reasons()) : "");
        }
        List<Snapshot> removed = result.removed();
        String ids = removed.stream().map(s -> Long.toString(s.id())).collect(Collectors.joining(", "));
        String they = removed.size() == 1 ? "it" : "they";
        String plural = removed.size() == 1 ? "" : "s";
        if (removed.isEmpty()) {
            out.println("nothing to remove: every snapshot is kept by the policy");
        } else if (result.dryRun()) {
            out.printf(Locale.ROOT, "would remove %d snapshot%s (%s) and %d versions that only %s held; nothing was changed (--dry-run)%n",
                    removed.size(), plural, ids, result.freedVersions(), they);
        } else {
            out.printf(Locale.ROOT, "removed %d snapshot%s (%s) and %d versions that only %s held%n", removed.size(), plural, ids,
                    result.freedVersions(), they);
            out.println("Spring Batch's history of those backups stays in the store; snapshot ids are never reused");
        }
    }

    /** One object per snapshot and what the policy decided, then one for the outcome. */
    public static void json(JsonLines out, Forget.Result result) {
        for (RetentionPolicy.Decision decision : result.decisions()) {
            ObjectNode line = JsonLines.object();
            line.put("account", decision.snapshot().account());
            line.put("snapshot", decision.snapshot().id());
            line.put("started", decision.snapshot().startedAt());
            line.put("keep", decision.keep());
            ArrayNode reasons = line.putArray("reasons");
            decision.reasons().forEach(reasons::add);
            out.write(line);
        }
        ObjectNode outcome = JsonLines.object();
        ArrayNode removed = outcome.putArray("removed");
        result.removed().forEach(snapshot -> removed.add(snapshot.id()));
        outcome.put("freed_versions", result.freedVersions());
        outcome.put("dry_run", result.dryRun());
        out.write(outcome);
    }
}
