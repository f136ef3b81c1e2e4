-- What `status` tells of a store's scheduled runs on SQLite (on PostgreSQL Quartz's own tables
-- tell it): the account of each run of the schedule (null for a job of no account) and when the
-- daemon will start it next (epoch milliseconds; null: not scheduled).
ALTER TABLE schedule_jobs ADD COLUMN account TEXT;
ALTER TABLE schedule_jobs ADD COLUMN next_start_at INTEGER;
