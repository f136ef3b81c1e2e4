package org.backpackbatch.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.backpackbatch.batch.RunningJobs;
import picocli.CommandLine;

/**
 * SIGINT or SIGTERM while a {@link GracefulStop} command runs: the JVM's own shutdown runs this
 * hook, which asks the command to stop and waits until it has recorded the stop and said so. The
 * JVM then exits with its own code for the signal (130, 143); nothing here calls System.exit,
 * which would block inside a shutdown.
 */
final class StopOnSignal implements AutoCloseable {

    private final CountDownLatch commandEnded = new CountDownLatch(1);
    private Thread hook;

    /** Installs the hook when the command about to run stops gracefully; other commands end as the JVM does. */
    void installFor(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult command = parsed;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        if (command.commandSpec().userObject() instanceof GracefulStop stoppable) {
            hook = new Thread(() -> {
                stoppable.stopGracefully();
                try {
                    // a little longer than a job's own grace, so that the command can say it stopped
                    commandEnded.await(RunningJobs.STOP_GRACE.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-on-signal");
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** The command has ended and reported: a waiting hook returns, else the hook is removed. */
    @Override
    public void close() {
        commandEnded.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and returns now
            }
        }
    }
}
