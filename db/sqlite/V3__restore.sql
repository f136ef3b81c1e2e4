-- Restores and migrations: what each run replays, which source record became which target
-- record, and what could not be restored. The id map is per target account, so a run that is
-- interrupted and started again (or a later run) never creates a record twice.

CREATE TABLE restore_runs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_id       INTEGER NOT NULL,
    target_account_id INTEGER NOT NULL REFERENCES accounts(id),
    status            TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed')),
    same_account      INTEGER NOT NULL,
    started_at        TEXT NOT NULL,
    finished_at       TEXT,
    requests          INTEGER NOT NULL DEFAULT 0
);

-- The source pages a run still has to replay.
CREATE TABLE restore_worklist (
    run_id         INTEGER NOT NULL REFERENCES restore_runs(id) ON DELETE CASCADE,
    source_page_id INTEGER NOT NULL,
    done           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, source_page_id)
) WITHOUT ROWID;

-- Source record -> target record. target_id is NULL while a create is in flight: a row left so
-- by a crash or a lost answer is the uncertain case, settled by looking at the target first.
CREATE TABLE restore_ids (
    target_account_id INTEGER NOT NULL REFERENCES accounts(id),
    kind              TEXT NOT NULL,
    source_id         INTEGER NOT NULL,
    target_id         INTEGER,
    PRIMARY KEY (target_account_id, kind, source_id)
) WITHOUT ROWID;

-- What a run could not restore, and why, page by page.
CREATE TABLE restore_report (
    run_id         INTEGER NOT NULL REFERENCES restore_runs(id) ON DELETE CASCADE,
    source_page_id INTEGER NOT NULL,
    what           TEXT NOT NULL,
    reason         TEXT NOT NULL
);
