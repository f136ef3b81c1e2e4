package org.backpackbatch.backup;

import java.io.PrintStream;
import java.util.Locale;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.store.WorklistProgress;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Shows how far a backup is, as each chunk of pages is written: on a terminal a live bar, in
 * {@code plain} mode a line every 10%, in {@code none} nothing (see {@link WorklistProgress}).
 */
public final class BackupProgress implements ItemWriteListener<FetchedPage> {

    /** How progress is shown. */
    public enum Mode {
        AUTO, PLAIN, NONE;

        public static Mode parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "plain" -> PLAIN;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("--progress must be auto, plain or none, not '" + text + "'");
            };
        }

        /** {@code auto} is a live bar on a terminal and lines elsewhere (a log, a pipe). */
        WorklistProgress.Display display() {
            return switch (this) {
                case AUTO -> System.console() != null ? WorklistProgress.Display.BAR : WorklistProgress.Display.LINES;
                case PLAIN -> WorklistProgress.Display.LINES;
                case NONE -> WorklistProgress.Display.NONE;
            };
        }
    }

    private final WorklistProgress progress;

    BackupProgress(Mode mode, PrintStream out, BackpackClient client) {
        this.progress = WorklistProgress.of("backup", mode.display(), out, client);
    }

    /** The worklist is known: {@code totalPages} pages, {@code alreadyDone} of them stored by an earlier run. */
    void start(long totalPages, long alreadyDone) {
        progress.start(totalPages, alreadyDone);
    }

    @Override
    public void afterWrite(Chunk<? extends FetchedPage> pages) {
        progress.advance(pages.getItems().stream().filter(page -> page.outcome() != FetchedPage.Outcome.FAILED).count());
    }

    void finish() {
        progress.finish();
    }
}
