package org.backpackbatch.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.backpackbatch.app.VerifyRequest;
import org.backpackbatch.app.ObservedRun;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.options.UnattendedOptions;
import org.backpackbatch.options.VerifyOptions;
import org.backpackbatch.output.VerifyOutput;
import org.backpackbatch.app.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify",
        description = {"Checks the store and its snapshots; exit 4 on any problem, naming each.",
                "SQLite's own integrity check, every stored record against its content hash and its range of snapshots,"
                        + " and every complete snapshot as a whole: each record has its page, each widget its belonging,"
                        + " each item its list, and the counts match."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BackpackBatch program;

    @Mixin
    private VerifyOptions options;

    @Mixin
    private UnattendedOptions unattended;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        VerifyRequest request = options.request();
        AtomicLong problems = new AtomicLong();
        var shown = json.json ? VerifyOutput.jsonProblems(Output.json(spec)) : VerifyOutput.textProblems(Output.out(spec));
        Application.VerifyResult result;
        try (RunObservers observers = unattended.observers()) {
            result = observers.run("verify", RunSummary.Operation.VERIFY, null, Output.warnings(spec),
                    reporter -> program.application().verify(request, problem -> {
                        problems.incrementAndGet();
                        shown.accept(problem);
                    }), verified -> ObservedRun.Facts.NONE);
        } finally {
            if (!json.json) {
                VerifyOutput.textMore(Output.out(spec), problems.get());
            }
            Output.out(spec).flush();
        }
        if (json.json) {
            VerifyOutput.json(Output.json(spec), result);
        } else {
            VerifyOutput.text(Output.out(spec), request.store(), request.snapshot(), result);
        }
        return 0;
    }
}
