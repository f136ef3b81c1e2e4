package org.backpackbatch.cli;

import java.util.concurrent.Callable;
import org.backpackbatch.backup.Backup;
import org.backpackbatch.options.BackupOptions;
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
    private Output.ProgressOption progress;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        Backup.Result result = program.application().backup(options.request(), progress.reporter(spec.commandLine().getErr()));
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
