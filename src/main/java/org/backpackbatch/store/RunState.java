package org.backpackbatch.store;

import java.util.Locale;

/**
 * Where a snapshot or a restore run is. Complete is a fact of the store (its finish time); the
 * other states are those of its job's last execution in Spring Batch's job repository, the one
 * place a run's state is kept.
 */
public enum RunState {
    RUNNING, COMPLETE, FAILED, INTERRUPTED;

    /**
     * The SQL for the status of the last execution of the {@code job} run whose identifying
     * parameter {@code parameter} is the value of {@code idColumn}: read from Spring Batch's tables,
     * which live in the store, and only for unfinished runs ({@code finishedColumn} null).
     */
    public static String lastExecutionStatus(String job, String parameter, String idColumn, String finishedColumn) {
        return "CASE WHEN " + finishedColumn + " IS NULL THEN (SELECT e.STATUS FROM BATCH_JOB_EXECUTION e"
                + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                + " WHERE i.JOB_NAME = '" + job + "' AND p.PARAMETER_NAME = '" + parameter + "'"
                + " AND p.PARAMETER_VALUE = CAST(" + idColumn + " AS TEXT)"
                + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1) END";
    }

    /** A run's state: complete when it has its finish time, else from its job's last execution status (null: it never started). */
    public static RunState of(String finishedAt, String batchStatus) {
        return finishedAt != null ? COMPLETE : ofExecution(batchStatus);
    }

    /** The state of an unfinished run from its job's last execution status (null: it never started). */
    static RunState ofExecution(String batchStatus) {
        if (batchStatus == null) {
            return FAILED;
        }
        return switch (batchStatus) {
            case "STARTING", "STARTED", "STOPPING" -> RUNNING;
            case "STOPPED" -> INTERRUPTED;
            default -> FAILED;
        };
    }

    /** As the commands print it: {@code running}, {@code complete}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
