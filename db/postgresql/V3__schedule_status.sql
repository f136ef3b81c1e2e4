-- The columns db/sqlite/V8__schedule_status.sql adds, so that both dialects keep one schema: the
-- account of each run a daemon without a Quartz cluster (`schedule --once`) leases here, and its
-- next start.
ALTER TABLE schedule_jobs ADD COLUMN account text COLLATE "C";
ALTER TABLE schedule_jobs ADD COLUMN next_start_at bigint;
