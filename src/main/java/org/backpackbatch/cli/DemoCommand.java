package org.backpackbatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.backpackbatch.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo",
        description = {"The embedded default: starts the emulator with a seeded source and an empty target account, "
                + "backs up the source, changes it, backs it up again (incremental), shows the diff, restores into the "
                + "target, backs the target up and compares it with the source, exports an XML archive and an SQLite "
                + "file, and says where everything is.",
                "Under a minute; leaves nothing running."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BackpackBatch program;

    @Option(names = "--dir", defaultValue = "demo-out", paramLabel = "DIR", description = "Where the demo's files go (default ./${DEFAULT-VALUE}).")
    private Path dir;

    @Override
    public Integer call() throws Exception {
        return new Demo(program.application(), dir, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    }
}
