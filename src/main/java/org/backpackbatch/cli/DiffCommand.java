package org.backpackbatch.cli;

import java.util.concurrent.Callable;
import org.backpackbatch.options.DiffOptions;
import org.backpackbatch.output.DiffOutput;
import org.backpackbatch.store.SnapshotDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "diff",
        description = {"Shows what was added, changed and removed between two snapshots.",
                "Kind by kind, with each record's id and title. Without FROM: the store's latest complete snapshot against"
                        + " the complete one of its account before it. Without TO: FROM against the latest complete snapshot"
                        + " of its account."})
final class DiffCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BackpackBatch program;

    @Mixin
    private DiffOptions options;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        SnapshotDiff diff = program.application().diff(options.request());
        if (json.json) {
            DiffOutput.json(Output.json(spec), diff);
        } else {
            DiffOutput.text(Output.out(spec), diff);
        }
        return 0;
    }
}
