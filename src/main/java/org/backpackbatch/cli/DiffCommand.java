package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.backpackbatch.store.Difference;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.SnapshotDiff;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.StoreSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = org.backpackbatch.Version.class,
        description = {"Shows what was added, changed and removed between two snapshots.",
                "Kind by kind, with each record's id and title. Without FROM: the store's latest complete snapshot against"
                        + " the complete one of its account before it. Without TO: FROM against the latest complete snapshot"
                        + " of its account."})
final class DiffCommand implements Callable<Integer> {

    /** Titles longer than this are cut in the text output (never in JSON). */
    private static final int TITLE_WIDTH = 80;

    @Spec
    private CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The snapshot store (SQLite).")
    private Path db;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FROM", description = "The older snapshot's id, as 'snapshots' lists it.")
    private Long from;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TO", description = "The newer snapshot's id.")
    private Long to;

    @Option(names = "--json", description = "One JSON object per difference and line.")
    private boolean json;

    @Override
    public Integer call() {
        SnapshotDiff diff;
        try (StoreSession session = StoreSession.open(db, false, false)) {
            SnapshotStore store = session.snapshots();
            diff = from == null ? SnapshotDiff.ofLatest(store)
                    : to == null ? SnapshotDiff.since(store, from)
                    : SnapshotDiff.between(store, from, to);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            diff.byKind().values().forEach(differences -> differences.forEach(d -> out.println(json(diff, d))));
        } else {
            printText(out, diff);
        }
        out.flush();
        return ExitCode.SUCCESS.code();
    }

    private static void printText(PrintWriter out, SnapshotDiff diff) {
        out.printf("snapshot %d -> %d of %s: %d added, %d changed, %d removed%n", diff.from().id(), diff.to().id(), diff.to().account(),
                diff.count(Difference.Change.ADDED), diff.count(Difference.Change.CHANGED), diff.count(Difference.Change.REMOVED));
        diff.byKind().forEach((kind, differences) -> {
            out.println(kind.storedName());
            for (Difference d : differences) {
                RecordVersion v = d.version();
                out.printf("  %-8s %d %s%s%n", d.change().name().toLowerCase(Locale.ROOT), v.recordId(),
                        JsonLine.quoted(cut(SnapshotDiff.titleOf(v))), where(v));
            }
        });
    }

    /** Where the record sits: its page, and its list, gallery or widget. */
    private static String where(RecordVersion v) {
        String place = " (page " + v.pageId();
        return switch (v.kind()) {
            case PAGE -> "";
            case ITEM -> place + ", list " + v.parentId() + ")";
            case IMAGE -> place + ", gallery " + v.parentId() + ")";
            case BELONGING -> place + ", widget " + v.parentId() + ")";
            default -> place + ")";
        };
    }

    private static String cut(String title) {
        if (title == null) {
            return "";
        }
        return title.codePointCount(0, title.length()) <= TITLE_WIDTH ? title
                : title.substring(0, title.offsetByCodePoints(0, TITLE_WIDTH - 3)) + "...";
    }

    private static JsonLine json(SnapshotDiff diff, Difference d) {
        RecordVersion v = d.version();
        return new JsonLine()
                .add("from", diff.from().id())
                .add("to", diff.to().id())
                .add("change", d.change().name().toLowerCase(Locale.ROOT))
                .add("kind", v.kind().storedName())
                .add("id", v.recordId())
                .add("page", v.pageId())
                .add("parent", v.parentId())
                .add("title", SnapshotDiff.titleOf(v));
    }
}
