-- The whole account beyond its pages: users, reminders, journal entries, statuses, calendars with
-- their events, bookmarks. Their records are versions like those of a page, kept on a fixed negative
-- page_id per resource, its scope (org.backpackbatch.store.Resource), so that a backup compares,
-- stores and resumes them unit by unit exactly as it does pages. The columns only they use:
-- the user a record is of: a reminder's creator, a journal entry's or a status's author, a bookmark's owner
ALTER TABLE versions ADD COLUMN user_id INTEGER;
-- that user's name as the record gives it
ALTER TABLE versions ADD COLUMN user_name TEXT;
-- when a reminder is due, when an event occurs
ALTER TABLE versions ADD COLUMN due_at TEXT;
-- when a journal entry, a status or a calendar last changed
ALTER TABLE versions ADD COLUMN updated_at TEXT;
-- a reminder's remindees in order, as JSON: [[id, "name"], ...]
ALTER TABLE versions ADD COLUMN remindees TEXT;

-- How many of them each snapshot holds, beside its pages, notes, lists, items, tags, separators, emails.
ALTER TABLE snapshots ADD COLUMN users INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN reminders INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN journal_entries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN statuses INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN calendars INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN calendar_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN bookmarks INTEGER NOT NULL DEFAULT 0;

-- Before this version 'all' meant the core and each page's emails, which the list 'emails' now says:
-- 'all' takes the whole account, which those snapshots do not hold.
UPDATE snapshots SET include = 'emails' WHERE include = 'all';
