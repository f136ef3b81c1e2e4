package org.backpackbatch.cli;

import java.util.concurrent.Callable;
import org.backpackbatch.app.Application;
import org.backpackbatch.app.ExportRequest;
import org.backpackbatch.app.RunFacts;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.options.ExportOptions;
import org.backpackbatch.options.UnattendedOptions;
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
    private UnattendedOptions unattended;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        ExportRequest request = options.request();
        Application.ExportResult result;
        try (RunObservers observers = unattended.observers()) {
            result = observers.run("export", RunSummary.Operation.EXPORT, null, Output.warnings(spec),
                    reporter -> program.application().export(request), RunFacts::of);
        }
        if (json.json) {
            ExportOutput.json(Output.json(spec), result);
        } else {
            ExportOutput.text(Output.out(spec), result);
        }
        return 0;
    }
}
