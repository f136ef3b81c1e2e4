package org.backpackbatch.cli;

import java.util.concurrent.Callable;
import org.backpackbatch.app.ForgetRequest;
import org.backpackbatch.app.RunFacts;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.options.ForgetOptions;
import org.backpackbatch.options.UnattendedOptions;
import org.backpackbatch.output.ForgetOutput;
import org.backpackbatch.store.Forget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "forget",
        description = {"Removes the snapshots outside a retention policy, and the records only they held.",
                "Account by account, as restic: --keep-last N keeps the N newest complete snapshots; --keep-daily N the"
                        + " newest of each of the last N days that have one (--keep-weekly: ISO weeks, --keep-monthly:"
                        + " months; by start time in UTC). A snapshot kept by any rule stays. Suspect snapshots (they"
                        + " removed at least half of their parent's records) count for no rule. Unfinished snapshots"
                        + " (running, failed or interrupted), the newest complete one and the newest complete one that is"
                        + " not suspect are never removed. Spring Batch's history of the removed backups stays in the store."})
final class ForgetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BackpackBatch program;

    @Mixin
    private ForgetOptions options;

    @Mixin
    private UnattendedOptions unattended;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        ForgetRequest request = options.request();
        Forget.Result result;
        try (RunObservers observers = unattended.observers()) {
            result = observers.run("forget", RunSummary.Operation.FORGET, null, Output.warnings(spec),
                    reporter -> program.application().forget(request), RunFacts::of);
        }
        if (json.json) {
            ForgetOutput.json(Output.json(spec), result);
        } else {
            ForgetOutput.text(Output.out(spec), result);
        }
        return 0;
    }
}
