package org.backpackbatch.cli;

import java.util.concurrent.Callable;
import org.backpackbatch.app.Application;
import org.backpackbatch.options.ExportOptions;
import org.backpackbatch.output.ExportOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export",
        description = {"Writes one snapshot as a standalone SQLite file or an XML archive ('.gz' on the name means gzip).",
                "Without --snapshot: the latest complete snapshot of the store's only account. The same snapshot always"
                        + " gives the same bytes."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BackpackBatch program;

    @Mixin
    private ExportOptions options;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        Application.ExportResult result = program.application().export(options.request());
        if (json.json) {
            ExportOutput.json(Output.json(spec), result);
        } else {
            ExportOutput.text(Output.out(spec), result);
        }
        return 0;
    }
}
