-- The snapshot store. Every record of an account (page, belonging, note, list, item, tag on a
-- page, separator, gallery, image, attachment, email) is kept as versions; a version is stored
-- once and holds for a range of that account's snapshots, [first_snapshot, last_snapshot]. A
-- NULL last_snapshot means "still current". An unchanged record costs nothing in a new snapshot.

CREATE TABLE accounts (
    id  INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE
);

-- A snapshot's id is its sequence number: ids grow with time across the whole store and are
-- never reused (AUTOINCREMENT), because version ranges are written in them.
CREATE TABLE snapshots (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    INTEGER NOT NULL REFERENCES accounts(id),
    parent_id     INTEGER REFERENCES snapshots(id) ON DELETE SET NULL,
    origin        TEXT NOT NULL CHECK (origin IN ('backup', 'import')),
    status        TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed')),
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
    requests      INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX snapshots_by_account ON snapshots(account_id, id);

-- One row per version of a record. The columns are shared by all kinds (see
-- org.backpackbatch.store.RecordKind for which kind uses which column).
CREATE TABLE versions (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts(id),
    kind           TEXT NOT NULL,
    record_id      INTEGER NOT NULL,
    page_id        INTEGER NOT NULL,
    parent_id      INTEGER,
    position       INTEGER,
    type           TEXT,
    name           TEXT,
    body           TEXT,
    created_at     TEXT,
    flag           INTEGER,
    hash           BLOB NOT NULL,
    first_snapshot INTEGER NOT NULL,
    last_snapshot  INTEGER
);

-- The versions current for an account, by page: what a backup compares a fetched page with.
CREATE INDEX versions_current ON versions(account_id, page_id, kind, record_id) WHERE last_snapshot IS NULL;
-- The versions of a snapshot: first_snapshot <= S AND (last_snapshot IS NULL OR last_snapshot >= S).
CREATE INDEX versions_by_range ON versions(account_id, first_snapshot, last_snapshot);
CREATE INDEX versions_by_end ON versions(account_id, last_snapshot);

-- The pages a running snapshot still has to fetch: filled from pages/all, emptied when the
-- snapshot completes, so that a resumed backup never fetches a stored page again.
CREATE TABLE snapshot_worklist (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    page_id     INTEGER NOT NULL,
    scope       TEXT NOT NULL,
    done        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (snapshot_id, page_id)
) WITHOUT ROWID;
