package org.backpackbatch.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.backpackbatch.app.Application;
import org.backpackbatch.options.ReportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report",
        description = {"Writes one self-contained HTML page of the store (nothing on it is loaded from the network): per account,"
                + " the snapshot history as a chart (records per kind over time, changes per snapshot, suspect snapshots marked),"
                + " the last failures, the store's size and growth, and the latest diff. Readable on a phone."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BackpackBatch program;

    @Mixin
    private ReportOptions options;

    @Override
    public Integer call() {
        Application.ReportResult result = program.application().report(options.request());
        Output.out(spec).printf(Locale.ROOT, "wrote %s: %d account%s%n", result.out(), result.accounts(), result.accounts() == 1 ? "" : "s");
        return 0;
    }
}
