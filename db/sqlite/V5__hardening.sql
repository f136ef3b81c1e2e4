-- Hardening. A snapshot that removed at least half of its parent's records is suspect (an outage
-- or a wiped account must never push good copies out through forget); pages that vanished between
-- pages/all and their fetch are counted; a run stopped by SIGINT or SIGTERM is 'interrupted'.
-- SQLite cannot change a CHECK constraint in place, so the two run tables are rebuilt by SQLite's
-- own procedure (migrations run with foreign keys off, so dropping a table cascades nothing),
-- keeping every id and the AUTOINCREMENT counters, so that ids are still never reused.

CREATE TABLE v5_sequences AS SELECT name, seq FROM sqlite_sequence WHERE name IN ('snapshots', 'restore_runs');

CREATE TABLE snapshots_v5 (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    INTEGER NOT NULL REFERENCES accounts(id),
    parent_id     INTEGER REFERENCES snapshots(id) ON DELETE SET NULL,
    origin        TEXT NOT NULL CHECK (origin IN ('backup', 'import')),
    status        TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'interrupted')),
    include       TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    pages         INTEGER NOT NULL DEFAULT 0,
    notes         INTEGER NOT NULL DEFAULT 0,
    lists         INTEGER NOT NULL DEFAULT 0,
    items         INTEGER NOT NULL DEFAULT 0,
    tags          INTEGER NOT NULL DEFAULT 0,
    separators    INTEGER NOT NULL DEFAULT 0,
    emails        INTEGER NOT NULL DEFAULT 0,
    added         INTEGER NOT NULL DEFAULT 0,
    changed       INTEGER NOT NULL DEFAULT 0,
    removed       INTEGER NOT NULL DEFAULT 0,
    requests      INTEGER NOT NULL DEFAULT 0,
    -- 1 when it removed at least half of its parent's records
    suspect       INTEGER NOT NULL DEFAULT 0,
    -- pages pages/all listed that answered 404 when fetched
    vanished      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO snapshots_v5 (id, account_id, parent_id, origin, status, include, started_at, finished_at, pages, notes, lists,
        items, tags, separators, emails, added, changed, removed, requests)
    SELECT id, account_id, parent_id, origin, status, include, started_at, finished_at, pages, notes, lists,
        items, tags, separators, emails, added, changed, removed, requests FROM snapshots;
DROP TABLE snapshots;
ALTER TABLE snapshots_v5 RENAME TO snapshots;
CREATE INDEX snapshots_by_account ON snapshots(account_id, id);

CREATE TABLE restore_runs_v5 (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_id       INTEGER NOT NULL,
    target_account_id INTEGER NOT NULL REFERENCES accounts(id),
    status            TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'interrupted')),
    same_account      INTEGER NOT NULL,
    started_at        TEXT NOT NULL,
    finished_at       TEXT,
    requests          INTEGER NOT NULL DEFAULT 0
);
INSERT INTO restore_runs_v5 SELECT id, snapshot_id, target_account_id, status, same_account, started_at, finished_at, requests
    FROM restore_runs;
DROP TABLE restore_runs;
ALTER TABLE restore_runs_v5 RENAME TO restore_runs;

DELETE FROM sqlite_sequence WHERE name IN ('snapshots', 'restore_runs', 'snapshots_v5', 'restore_runs_v5');
INSERT INTO sqlite_sequence (name, seq) SELECT name, seq FROM v5_sequences;
DROP TABLE v5_sequences;
