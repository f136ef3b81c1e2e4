-- A run's state has one source of truth: Spring Batch's job repository (BATCH_JOB_EXECUTION),
-- which every backup and restore runs on. The store keeps the facts of its data only: a snapshot
-- or a restore run is complete when it has its finish time; until then its state (running,
-- failed, interrupted) is that of its job's last execution.
ALTER TABLE snapshots DROP COLUMN status;
ALTER TABLE restore_runs DROP COLUMN status;
