package org.backpackbatch.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.backpackbatch.options.StoreOption;
import org.backpackbatch.output.StatusOutput;
import org.backpackbatch.schedule.AccountStatus;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status",
        description = {"Shows every account of the store, one line (or JSON object) each: its last complete snapshot and when,"
                + " whether a run is in progress and on which node, its next scheduled start, and its last failure and why."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOption store;

    @Mixin
    private Output.Json json;

    @Override
    public Integer call() {
        StoreLocation location = store.location();
        List<AccountStatus> statuses;
        try (Store opened = Store.open(location, Store.Access.READ)) {
            statuses = AccountStatus.of(opened, Instant.now());
        }
        if (json.json) {
            StatusOutput.json(Output.json(spec), statuses);
        } else {
            StatusOutput.text(Output.out(spec), statuses, location.toString());
        }
        return 0;
    }
}
