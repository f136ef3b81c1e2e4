package org.backpackbatch.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.backpackbatch.app.SnapshotsRequest;
import org.backpackbatch.options.SnapshotsOptions;
import org.backpackbatch.output.SnapshotsOutput;
import org.backpackbatch.store.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "snapshots",
        description = {"Lists the snapshots of the store, oldest first.",
                "One line (or JSON object) each: id, status, start and finish (UTC), the records it holds, how many"
                        + " it added, changed and removed since its parent, and whether it is suspect (it removed at least"
                        + " half of its parent's records)."})
final class SnapshotsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BackpackBatch program;

    @Mixin
    private SnapshotsOptions options;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        SnapshotsRequest request = options.request();
        List<Snapshot> snapshots = program.application().snapshots(request);
        if (json.json) {
            SnapshotsOutput.json(Output.json(spec), snapshots);
        } else {
            SnapshotsOutput.text(Output.out(spec), snapshots,
                    (request.account() == null ? "" : "of " + request.account() + " ") + "in " + request.store());
        }
        return 0;
    }
}
