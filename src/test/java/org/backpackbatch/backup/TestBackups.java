package org.backpackbatch.backup;

import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.batch.BatchInfrastructure;
import org.backpackbatch.batch.ResumableJob;
import org.backpackbatch.batch.RunningJobs;
import org.backpackbatch.progress.Reporter;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.Store;

/** A backup job run in-process on an open store with a client a test made, as the application runs it. */
public final class TestBackups {

    private TestBackups() {
    }

    public static Backup.Result run(Store store, BackpackClient client, Include include, int workers) {
        return Backup.run(store, new ResumableJob(BatchInfrastructure.on(store), new RunningJobs()), client, include, workers, Reporter.SILENT);
    }
}
