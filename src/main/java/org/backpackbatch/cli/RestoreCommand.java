package org.backpackbatch.cli;

import java.util.concurrent.Callable;
import org.backpackbatch.app.RestoreRequest;
import org.backpackbatch.app.RunFacts;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.options.RestoreOptions;
import org.backpackbatch.options.UnattendedOptions;
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
    private UnattendedOptions unattended;

    @Mixin
    private Output.ProgressOption progress;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        RestoreRequest request = options.request();
        Restore.Result result;
        try (RunObservers observers = unattended.observers()) {
            result = observers.run("restore", RunSummary.Operation.RESTORE, request.target().url().toString(),
                    progress.reporter(spec.commandLine().getErr()), reporter -> program.application().restore(request, reporter), RunFacts::of);
        }
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
