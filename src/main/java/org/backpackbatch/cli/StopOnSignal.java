package org.backpackbatch.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.backpackbatch.store.RunningJobs;
import picocli.CommandLine;

/**
 * SIGINT or SIGTERM while a {@link ResumableCommand} runs: the JVM's own shutdown runs this hook,
 * which asks the job to stop at its next chunk boundary and waits until the command has recorded
 * the interruption and said so. The JVM then exits with its own code for the signal (130, 143);
 * nothing here calls System.exit, which would block inside a shutdown.
 */
final class StopOnSignal implements AutoCloseable {

    private final CountDownLatch commandEnded = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "stop-on-signal");
    private boolean installed;

    /** Installs the hook when the command about to run is resumable; other commands end as the JVM does. */
    void installFor(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult command = parsed;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        if (command.commandSpec().userObject() instanceof ResumableCommand) {
            Runtime.getRuntime().addShutdownHook(hook);
            installed = true;
        }
    }

    private void stopAndWait() {
        RunningJobs.stopAll();
        try {
            commandEnded.await(RunningJobs.STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command has ended and reported: a waiting hook returns, else the hook is removed. */
    @Override
    public void close() {
        commandEnded.countDown();
        if (installed) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and returns now
            }
        }
    }
}
