package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.backpackbatch.app.Application;

/** Every command and every option its --help shows is in the README, which a user reads first. */
class ReadmeMatchesHelpTest {

    @Test
    void everyCommandAndOptionOfTheHelpIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        CommandLine program = BackpackBatch.commandLine(Application.ofProcess());
        for (CommandLine command : program.getSubcommands().values()) {
            String name = command.getCommandName();
            assertThat(readme).as("README names the command").contains("`" + name);
            for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                assertThat(readme).as("README has %s %s", name, option.longestName()).contains(option.longestName());
            }
        }
    }
}
