package org.backpackbatch.backup;

import org.backpackbatch.store.Dialect;

/** A killed backup resumes on a PostgreSQL store ({@link KilledBackupResumes}): forked and killed processes, so in the slow tier. */
class BackupResumeOnPostgresIT extends KilledBackupResumes {

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
