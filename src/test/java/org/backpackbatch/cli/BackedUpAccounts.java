package org.backpackbatch.cli;

import java.io.IOException;
import org.backpackbatch.store.Dialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.backup.Backup;
import org.backpackbatch.backup.TestBackups;
import org.backpackbatch.store.Include;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.StoreLocation;
import org.backpackbatch.store.TestStore;

/**
 * Accounts on an in-process emulator (no rate limit) backed up into one real store file, with one
 * store session shared by a whole test class: snapshots are cheap, Spring Boot starts once.
 */
final class BackedUpAccounts implements AutoCloseable {

    private final BackpackEmulator emulator;
    private final TestStore store;
    private Store session;
    private final Map<String, BackpackClient> clients = new HashMap<>();

    BackedUpAccounts(Path store, AccountSpec... accounts) throws IOException {
        this(new TestStore(Dialect.SQLITE, StoreLocation.file(store)), accounts);
    }

    BackedUpAccounts(TestStore store, AccountSpec... accounts) throws IOException {
        this.store = store;
        emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(null).withAccounts(List.of(accounts)));
        for (AccountSpec account : accounts) {
            BackpackEmulator.HostedAccount hosted = emulator.account(account.name());
            clients.put(account.name(), new BackpackClient(AccountUrl.parse(hosted.baseUrl()), ApiToken.of(hosted.token()),
                    ClientSettings.defaults().withRate(null)));
        }
        session = store.open(Store.Access.CREATE);
    }

    Snapshot backup(String account) {
        return TestBackups.run(session, client(account), Include.ALL, 4).snapshot();
    }

    BackpackClient client(String account) {
        return clients.get(account);
    }

    String url(String account) {
        return client(account).account().toString();
    }

    SnapshotStore store() {
        return session.snapshots();
    }

    Store session() {
        return session;
    }

    List<RecordVersion> records(long snapshotId) {
        List<RecordVersion> records = new ArrayList<>();
        store().records(snapshotId, records::add);
        return records;
    }

    long count(String sql, Object... args) {
        return session.jdbc().queryForObject(sql, Long.class, args);
    }

    /** A copy of the store as it stands, named {@code name} beside it: the session closes for it (a copied database must have none). */
    TestStore copy(String name) {
        session.close();
        try {
            return store.copy(name);
        } finally {
            session = store.open(Store.Access.WRITE);
        }
    }

    /** A copy of the store file as it stands. */
    Path copyTo(Path target) {
        return copy(target.getFileName().toString()).file();
    }

    @Override
    public void close() {
        session.close();
        clients.values().forEach(BackpackClient::close);
        emulator.close();
    }
}
