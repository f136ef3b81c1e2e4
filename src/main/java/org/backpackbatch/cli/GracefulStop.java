package org.backpackbatch.cli;

/**
 * A command that stops gracefully on SIGINT or SIGTERM ({@link StopOnSignal}): a backup or restore
 * stops its job at the next chunk boundary and records it interrupted; the daemon drains. The JVM
 * then exits with its own code for the signal, 130 or 143, as for every command.
 */
interface GracefulStop {

    /** Asks the command to stop; called from the JVM's shutdown while the command still runs. */
    void stopGracefully();
}
