package org.backpackbatch.cli;

import java.util.concurrent.Callable;
import org.backpackbatch.app.Application;
import org.backpackbatch.options.ImportOptions;
import org.backpackbatch.output.BackupOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import",
        description = {"Reads an XML archive (plain or .gz) into the store FILE as a new complete snapshot of the account it names, "
                + "so that it can be diffed, verified, exported and restored like any other.",
                "A broken archive changes nothing."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BackpackBatch program;

    @Mixin
    private ImportOptions options;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        Application.ImportResult result = program.application().importArchive(options.request(), Output.warnings(spec));
        if (json.json) {
            BackupOutput.json(Output.json(spec), result);
        } else {
            BackupOutput.text(Output.out(spec), result);
        }
        return 0;
    }
}
