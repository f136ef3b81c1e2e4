package org.backpackbatch.report;

import java.time.Instant;
import java.util.List;

/**
 * What the report page shows of one snapshot store: its size and each account's history. Nothing
 * here is read at render time (no clock, no file), so the same report always renders the same bytes.
 *
 * @param store the store's file name as the user knows it
 * @param sizeBytes the store's size on disk, its -wal file included
 * @param versions how many record versions the store keeps: with the size, what one costs, so that
 *                 the page can tell the growth in bytes (a snapshot writes one version per record it
 *                 added or changed)
 * @param asOf the time of the report's data: when it was read from the store
 * @param accounts the accounts in the order the page shows them
 */
public record StoreReport(String store, long sizeBytes, long versions, Instant asOf, List<AccountHistory> accounts) {

    public StoreReport {
        accounts = List.copyOf(accounts);
    }

    /** What a stored version costs on average, or 0 when the store holds none. */
    public double bytesPerVersion() {
        return versions == 0 ? 0 : (double) sizeBytes / versions;
    }
}
