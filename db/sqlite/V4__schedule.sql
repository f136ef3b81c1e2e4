-- Scheduled jobs that use this store: who runs each one now (a lease, so that two daemons on the
-- same store never run the same job at once, and a crashed daemon's lease runs out), and when
-- each last ran (so that a run missed while the machine was off happens once at start-up).
CREATE TABLE schedule_jobs (
    name          TEXT PRIMARY KEY,
    holder        TEXT,
    lease_until   INTEGER,
    last_fire_at  INTEGER
);
