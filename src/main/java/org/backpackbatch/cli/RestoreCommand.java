package org.backpackbatch.cli;

import java.util.concurrent.Callable;
import org.backpackbatch.options.RestoreOptions;
import org.backpackbatch.output.RestoreOutput;
import org.backpackbatch.restore.Restore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "restore",
        description = {"Replays a snapshot into the account at URL (the same account, or another one for a migration) "
                + "through the create endpoints, then restores order and tags.",
                "Safe to re-run: an interrupted restore continues where it stopped and never creates anything twice."})
final class RestoreCommand implements Callable<Integer>, GracefulStop {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BackpackBatch program;

    @Mixin
    private RestoreOptions options;

    @Mixin
    private Output.ProgressOption progress;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        Restore.Result result = program.application().restore(options.request(), progress.reporter(spec.commandLine().getErr()));
        if (json.json) {
            RestoreOutput.json(Output.json(spec), result);
        } else {
            RestoreOutput.text(Output.out(spec), result);
        }
        return 0;
    }

    @Override
    public void stopGracefully() {
        program.application().runningJobs().stopAll();
    }
}
