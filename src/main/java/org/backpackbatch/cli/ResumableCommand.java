package org.backpackbatch.cli;

/**
 * A command whose work is a resumable job (backup, restore): on SIGINT or SIGTERM its job stops at
 * the next chunk boundary and is recorded as interrupted instead of being cut off ({@link StopOnSignal}).
 */
interface ResumableCommand {
}
