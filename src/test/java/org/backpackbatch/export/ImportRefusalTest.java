package org.backpackbatch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backpackbatch.export.BackedUpStore.bytes;
import static org.backpackbatch.export.BackedUpStore.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.store.StoreFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.backpackbatch.batch.BatchInfrastructure;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.Store;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** A broken archive is refused with exit 2, naming the file and what is wrong, and the store stays byte for byte as it was. */
class ImportRefusalTest {

    private static final String ROOT = "<backpack-archive version='1' account='http://127.0.0.1:1/src' snapshot='1' taken_at='2026-11-28T02:00:00Z'>";

    @TempDir
    static Path dir;

    private static Path store;
    private static byte[] archive;
    private static byte[] gzipArchive;

    @BeforeAll
    static void backUpAndExport() throws Exception {
        store = dir.resolve("store.db");
        BackedUpStore.create(store, 40);
        run("export", "--db", store.toString(), "--format", "xml", "--out", dir.resolve("good.xml").toString());
        run("export", "--db", store.toString(), "--format", "xml", "--out", dir.resolve("good.xml.gz").toString());
        archive = bytes(dir.resolve("good.xml"));
        gzipArchive = bytes(dir.resolve("good.xml.gz"));
    }

    @Test
    void malformedXml() throws Exception {
        refused("malformed.xml", ROOT + "<pages><page id='1' title='x'></pages></backpack-archive>", "malformed");
    }

    @Test
    void aWrongRoot() throws Exception {
        refused("root.xml", "<response success='true'/>", "root element is <response>");
    }

    @Test
    void aWrongVersion() throws Exception {
        refused("version.xml", ROOT.replace("version='1'", "version='2'") + "<pages/></backpack-archive>", "version '2'");
    }

    @Test
    void aDtdWithAnExternalEntity() throws Exception {
        refused("dtd.xml", "<?xml version='1.0'?>\n<!DOCTYPE backpack-archive [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
                + ROOT + "<pages><page id='1' title='&x;'/></pages></backpack-archive>", "DTD");
    }

    @Test
    void anUndeclaredEntity() throws Exception {
        refused("entity.xml", ROOT + "<pages><page id='1' title='&x;'/></pages></backpack-archive>", "malformed");
    }

    @Test
    void anArchiveCutOffHalfWay() throws Exception {
        refused("cut.xml", Arrays.copyOf(archive, archive.length / 2), "line");
    }

    @Test
    void aGzipArchiveCutOffHalfWay() throws Exception {
        refused("cut.xml.gz", Arrays.copyOf(gzipArchive, gzipArchive.length / 2), "cut off");
    }

    @Test
    void aGzipArchiveWithADamagedChecksum() throws Exception {
        byte[] damaged = gzipArchive.clone();
        damaged[damaged.length - 6] ^= 0x55;
        refused("crc.xml.gz", damaged, "gzip");
    }

    @Test
    void aPlainFileNamedGz() throws Exception {
        refused("plain.xml.gz", archive, "not valid gzip");
    }

    @Test
    void aBrokenLastPageAfterManyGoodOnes() throws Exception {
        String text = new String(archive, StandardCharsets.UTF_8);
        int last = text.lastIndexOf("</page>");
        refused("late.xml", text.substring(0, last) + "</pagex>" + text.substring(last + 7), "malformed");
    }

    @Test
    void aMissingFile() throws Exception {
        BackupCli.Run run = importInto(dir.resolve("nothing-here.xml"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("nothing-here.xml");
    }

    @Test
    void aBrokenArchiveLeavesNoNewStoreBehind() throws Exception {
        Path archiveFile = Files.writeString(dir.resolve("broken-for-new.xml"), ROOT + "<pages><page id='1'");
        Path newStore = dir.resolve("new.db");
        BackupCli.Run run = BackupCli.inProcess("import", "--db", newStore.toString(), "--xml", archiveFile.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(newStore).doesNotExist();
    }

    /** The store failing under an import that reads ahead: one error line, nothing imported, and the archive's reader stopped. */
    @Test
    void aStoreThatFailsMidImportStopsReadingTheArchive() throws Exception {
        StringBuilder pages = new StringBuilder(ROOT + "<pages>");
        for (int page = 1; page <= 400; page++) {
            pages.append("<page id='").append(page).append("' title='page ").append(page).append("' scope='personal'/>");
        }
        Path archiveFile = Files.writeString(dir.resolve("many-pages.xml"), pages + "</pages></backpack-archive>");
        Path failingStore = dir.resolve("failing.db");
        Store.open(failingStore, Store.Access.CREATE).close();
        try (Connection connection = DriverManager.getConnection(StoreFile.jdbcUrl(failingStore));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER full BEFORE INSERT ON versions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
        }
        BackupCli.Run run = BackupCli.inProcess("import", "--db", failingStore.toString(), "--xml", archiveFile.toString());
        assertThat(run.exitCode()).as(run.err()).isNotZero();
        assertThat(run.errorLines()).singleElement().asString().contains("disk is full");
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ");
        assertThat(Thread.getAllStackTraces().keySet()).as("threads left running").noneMatch(thread -> thread.getName().equals("archive-reader"));
        assertThat(run("snapshots", "--db", failingStore.toString()).out().lines()).as("a header and no snapshot").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"failed", "interrupted"})
    void anArchiveOfAnAccountWhoseBackupIsUnfinished(String status) throws Exception {
        Path otherStore = dir.resolve(status + ".db");
        Files.copy(store, otherStore);
        try (Store opened = Store.open(otherStore, Store.Access.WRITE)) {
            // a backup that began and did not finish: its job's last execution failed, or was stopped
            Snapshot unfinished = opened.snapshots().begin(opened.snapshots().snapshot(1).account(), Include.ALL, Snapshot.Origin.BACKUP);
            JobRepository jobs = BatchInfrastructure.on(opened).repository();
            JobParameters parameters = new JobParametersBuilder().addLong("snapshot", unfinished.id()).toJobParameters();
            JobExecution execution = jobs.createJobExecution(jobs.createJobInstance(SnapshotStore.BACKUP_JOB, parameters), parameters,
                    new ExecutionContext());
            execution.setStatus(status.equals("failed") ? BatchStatus.FAILED : BatchStatus.STOPPED);
            jobs.update(execution);
        }
        BackupCli.Run run = BackupCli.inProcess("import", "--db", otherStore.toString(), "--xml", dir.resolve("good.xml").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("is " + status, "finish it with 'backup'");
        assertThat(run("snapshots", "--db", otherStore.toString()).out().lines()).as("a header, the backup and the unfinished one")
                .hasSize(3);
    }

    private static void refused(String name, String content, String reason) throws Exception {
        refused(name, content.getBytes(StandardCharsets.UTF_8), reason);
    }

    private static void refused(String name, byte[] content, String reason) throws Exception {
        Path file = Files.write(dir.resolve(name), content);
        byte[] before = checkpointed(store);
        BackupCli.Run run = importInto(file);
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("error: cannot import " + file + ": ").containsIgnoringCase(reason);
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ");
        assertThat(checkpointed(store)).as("the store's bytes").isEqualTo(before);
        assertThat(run("snapshots", "--db", store.toString()).out().lines()).as("a header and one snapshot").hasSize(2);
    }

    private static BackupCli.Run importInto(Path file) {
        return BackupCli.inProcess("import", "--db", store.toString(), "--xml", file.toString());
    }

    /** The store file's bytes once its WAL is checkpointed into it. */
    private static byte[] checkpointed(Path file) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(StoreFile.jdbcUrl(file));
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return Files.readAllBytes(file);
    }
}
