package org.backpackbatch.cli;

import java.util.concurrent.Callable;
import org.backpackbatch.backup.Backup;
import org.backpackbatch.app.BackupRequest;
import org.backpackbatch.app.RunFacts;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.options.BackupOptions;
import org.backpackbatch.options.UnattendedOptions;
import org.backpackbatch.output.BackupOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backup",
        description = {"Takes one snapshot of the account into the snapshot store FILE (created when missing).",
                "Re-running after a failure resumes the failed run and completes that same snapshot."})
final class BackupCommand implements Callable<Integer>, GracefulStop {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BackpackBatch program;

    @Mixin
    private BackupOptions options;

    @Mixin
    private UnattendedOptions unattended;

    @Mixin
    private Output.ProgressOption progress;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        BackupRequest request = options.request();
        Backup.Result result;
        try (RunObservers observers = unattended.observers()) {
            result = observers.run("backup", RunSummary.Operation.BACKUP, request.account().url().toString(),
                    progress.reporter(spec.commandLine().getErr()), reporter -> program.application().backup(request, reporter), RunFacts::of);
        }
        if (json.json) {
            BackupOutput.json(Output.json(spec), result);
        } else {
            BackupOutput.text(Output.out(spec), result);
        }
        return 0;
    }

    @Override
    public void stopGracefully() {
        program.application().runningJobs().stopAll();
    }
}
