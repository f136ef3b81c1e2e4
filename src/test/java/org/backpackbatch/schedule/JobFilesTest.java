package org.backpackbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backpackbatch.backup.BackupCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.backpackbatch.store.RetentionPolicy;
import org.backpackbatch.store.StoreLocation;

/** The job files: every shipped example is valid, and every kind of bad file is refused naming its file and field. */
class JobFilesTest {

    @TempDir
    Path dir;

    @Test
    void everyShippedJobFileParsesAndValidates() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        try (Stream<Path> shipped = Files.list(Path.of("jobs"))) {
            for (Path file : shipped.filter(f -> f.toString().endsWith(".yml")).toList()) {
                Files.copy(file, jobs.resolve(file.getFileName()));
            }
        }
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/acme.token"), "0123456789abcdef0123456789abcdef01234567\n");
        Files.writeString(dir.resolve("secrets/acme-new.token"), "76543210fedcba9876543210fedcba9876543210\n");

        Map<String, JobDefinition> loaded = JobFiles.load(jobs);

        assertThat(loaded).containsOnlyKeys("nightly-backup", "weekly-export", "migrate-to-new-account");
        JobDefinition nightly = loaded.get("nightly-backup");
        assertThat(nightly.work().type()).isEqualTo("backup");
        assertThat(nightly.cron()).isEqualTo("0 0 2 * * ?");
        assertThat(((JobWork.Backup) nightly.work()).retention()).isEqualTo(new RetentionPolicy(0, 7, 4, 12));
        assertThat(nightly.work().store()).isEqualTo(StoreLocation.file(dir.resolve("backups/acme.db")));
        assertThat(loaded.get("weekly-export").work().type()).isEqualTo("export");
        assertThat(loaded.get("migrate-to-new-account").cron()).as("a one-off job has no cron").isNull();
    }

    @Test
    void everyBadFileIsNamedWithItsField() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("token"), "0123456789abcdef0123456789abcdef01234567\n");
        write(jobs, "bad-cron", "type: backup\ncron: 'every night'\naccount: http://127.0.0.1:1/a\ndb: a.db\ntoken-file: token\n");
        write(jobs, "bad-type", "type: mirror\ncron: '0 0 2 * * ?'\n");
        write(jobs, "bad-option", "type: forget\ndb: a.db\nkeep-daily: 7\nkeep-forever: yes\n");
        write(jobs, "no-token", "type: backup\naccount: http://127.0.0.1:1/a\ndb: a.db\ntoken-file: missing.token\n");
        write(jobs, "not-yaml", "type: [backup\n");
        write(jobs, "alias-bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n");
        write(jobs, "duplicate", "type: forget\ntype: backup\ndb: a.db\nkeep-last: 1\n");
        write(jobs, "zero", "type: forget\ndb: a.db\nkeep-last: 0\n");

        assertThatThrownBy(() -> JobFiles.load(jobs)).isInstanceOfSatisfying(JobFiles.InvalidJobsException.class, e -> {
            List<String> problems = e.problems();
            assertThat(problems).anyMatch(p -> p.contains("bad-cron.yml") && p.contains("field 'cron'"));
            assertThat(problems).anyMatch(p -> p.contains("bad-type.yml") && p.contains("field 'type'"));
            assertThat(problems).anyMatch(p -> p.contains("bad-option.yml") && p.contains("field 'keep-forever'"));
            assertThat(problems).anyMatch(p -> p.contains("no-token.yml") && p.contains("field 'token-file'"));
            assertThat(problems).anyMatch(p -> p.contains("not-yaml.yml") && p.contains("not valid YAML"));
            assertThat(problems).anyMatch(p -> p.contains("alias-bomb.yml"));
            assertThat(problems).anyMatch(p -> p.contains("duplicate.yml"));
            assertThat(problems).anyMatch(p -> p.contains("zero.yml") && p.contains("field 'keep-last'"));
        });

        BackupCli.Run run = BackupCli.inProcess("schedule", "--jobs", jobs.toString(), "--once", "zero");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad-cron.yml: field 'cron'").doesNotContain("\tat ");
    }

    @Test
    void theFoldersOfStoresAndOutputsAreCreatedOrTheJobIsRefusedNamingFileAndField() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        write(jobs, "export", "type: export\ndb: stores/acme.db\nformat: xml\nout: archives/weekly/acme-{date}.xml.gz\n");

        JobFiles.load(jobs);

        assertThat(dir.resolve("stores")).isDirectory();
        assertThat(Files.getPosixFilePermissions(dir.resolve("archives/weekly"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        Files.writeString(dir.resolve("blocker"), "a file where the job wants a folder\n");
        write(jobs, "blocked", "type: forget\ndb: blocker/acme.db\nkeep-last: 1\n");
        write(jobs, "dated-folder", "type: export\ndb: stores/acme.db\nformat: xml\nout: archives/{date}/acme.xml.gz\n");

        assertThatThrownBy(() -> JobFiles.load(jobs)).isInstanceOfSatisfying(JobFiles.InvalidJobsException.class, e ->
                assertThat(e.problems()).anyMatch(p -> p.contains("dated-folder.yml: field 'out'")));
        Files.delete(jobs.resolve("dated-folder.yml"));
        assertThatThrownBy(() -> JobFiles.load(jobs)).isInstanceOfSatisfying(JobFiles.InvalidJobsException.class, e ->
                assertThat(e.problems()).singleElement().asString().contains("blocked.yml: field 'db': cannot create the folder"));
        BackupCli.Run once = BackupCli.inProcess("schedule", "--jobs", jobs.toString(), "--once", "blocked");
        assertThat(once.exitCode()).isEqualTo(2);
        assertThat(once.errorLines()).singleElement().asString().contains("blocked.yml: field 'db': cannot create the folder");
    }

    @Test
    void onceRunsOnlyTheNamedJobsFileThroughItsChecks() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        write(jobs, "broken", "type: backup\ncron: 'every night'\n");
        write(jobs, "zero", "type: forget\ndb: a.db\nkeep-last: 0\n");

        BackupCli.Run invalid = BackupCli.inProcess("schedule", "--jobs", jobs.toString(), "--once", "zero");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.errorLines()).singleElement().asString().contains("zero.yml: field 'keep-last'");
        assertThat(invalid.err()).contains("warning: ").contains("broken.yml: field 'cron'");

        BackupCli.Run unknown = BackupCli.inProcess("schedule", "--jobs", jobs.toString(), "--once", "nightly");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errorLines()).singleElement().asString().contains("no job named 'nightly'").contains("broken, zero");
    }

    @Test
    void anExportJobTakesForceAsTheCommandDoes() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        write(jobs, "latest-export", "type: export\ncron: '0 0 4 * * ?'\ndb: a.db\nformat: xml\nout: latest.xml\nforce: true\n");

        assertThat(((JobWork.Export) JobFiles.load(jobs).get("latest-export").work()).request().force()).isTrue();
    }

    @Test
    void aBackupJobNamesItsAccountsInACsvFileWithTokenFilesBesideIt() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Path fleet = Files.createDirectories(dir.resolve("fleet"));
        Files.createDirectories(fleet.resolve("tokens"));
        for (String name : List.of("acme", "globex", "initech")) {
            Files.writeString(fleet.resolve("tokens/" + name + ".token"), "0123456789abcdef0123456789abcdef01234567\n");
        }
        Files.writeString(fleet.resolve("accounts.csv"), "url,token_file\n"
                + "https://acme.backpackit.com,tokens/acme.token\n\n"
                + "\"https://globex.backpackit.com/\",\"tokens/globex.token\"\n"
                + "https://initech.backpackit.com," + fleet.resolve("tokens/initech.token") + "\n");
        write(jobs, "fleet", "type: backup\ncron: '0 0 2 * * ?'\naccounts: fleet/accounts.csv\ndb: fleet.db\nspread: 2h\n"
                + "max-parallel: 4\nkeep-daily: 7\n");

        JobDefinition fleetJob = JobFiles.load(jobs).get("fleet");

        JobWork.Backup backup = (JobWork.Backup) fleetJob.work();
        assertThat(backup.accounts()).extracting(request -> request.account().url().toString())
                .containsExactly("https://acme.backpackit.com", "https://globex.backpackit.com", "https://initech.backpackit.com");
        assertThat(backup.accounts()).extracting(request -> request.account().token().file())
                .containsExactly(fleet.resolve("tokens/acme.token"), fleet.resolve("tokens/globex.token"), fleet.resolve("tokens/initech.token"));
        assertThat(backup.accounts()).allMatch(request -> request.store().equals(StoreLocation.file(dir.resolve("fleet.db"))));
        assertThat(backup.maxParallel()).isEqualTo(4);
        assertThat(backup.retention()).isEqualTo(new RetentionPolicy(0, 7, 0, 0));
        assertThat(fleetJob.runs()).as("each account is a run of its own").hasSize(3)
                .allMatch(run -> run.name().equals("fleet") && run.work().account() != null)
                .extracting(JobDefinition::runKey).containsExactly("fleet https://acme.backpackit.com", "fleet https://globex.backpackit.com",
                        "fleet https://initech.backpackit.com");
        // each account's start is fixed inside the window by its URL: the same on every node and every night
        List<java.time.Duration> offsets = fleetJob.runs().stream().map(JobDefinition::offset).toList();
        assertThat(offsets).allMatch(offset -> !offset.isNegative() && offset.compareTo(java.time.Duration.ofHours(2)) < 0).doesNotHaveDuplicates();
        assertThat(JobFiles.load(jobs).get("fleet").runs().stream().map(JobDefinition::offset).toList()).isEqualTo(offsets);
        java.time.Instant afterMidnight = java.time.Instant.parse("2026-12-01T00:00:00Z");
        assertThat(fleetJob.runs().get(0).nextStart(afterMidnight))
                .isEqualTo(java.time.Instant.parse("2026-12-01T02:00:00Z").plus(offsets.get(0)));
    }

    @Test
    void everyBadLineOfAnAccountsFileIsNamedWithItsLineAndField() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("good.token"), "0123456789abcdef0123456789abcdef01234567\n");
        Files.writeString(dir.resolve("accounts.csv"), "url,token_file\n"
                + "https://acme.backpackit.com,good.token\n"
                + "ftp://globex.example.com,good.token\n"
                + "https://initech.backpackit.com,missing.token\n"
                + "https://ACME.backpackit.com/,good.token\n"
                + "https://hooli.backpackit.com,good.token,extra\n"
                + "https://umbrella.backpackit.com,\n");
        write(jobs, "fleet", "type: backup\ncron: '0 0 2 * * ?'\naccounts: accounts.csv\ndb: fleet.db\n");
        Files.writeString(dir.resolve("headless.csv"), "https://acme.backpackit.com,good.token\n");
        write(jobs, "headless", "type: backup\naccounts: headless.csv\ndb: fleet.db\n");
        write(jobs, "both", "type: backup\naccounts: accounts.csv\naccount: https://acme.backpackit.com\ntoken-file: good.token\n"
                + "db: fleet.db\n");
        write(jobs, "no-file", "type: backup\naccounts: nowhere.csv\ndb: fleet.db\n");
        write(jobs, "bad-spread", "type: backup\naccount: https://acme.backpackit.com\ntoken-file: good.token\ndb: fleet.db\n"
                + "spread: 2 hours\n");
        write(jobs, "bad-parallel", "type: backup\naccount: https://acme.backpackit.com\ntoken-file: good.token\ndb: fleet.db\n"
                + "max-parallel: 0\n");

        assertThatThrownBy(() -> JobFiles.load(jobs)).isInstanceOfSatisfying(JobFiles.InvalidJobsException.class, e -> {
            List<String> problems = e.problems();
            Path csv = dir.resolve("accounts.csv");
            assertThat(problems).anyMatch(p -> p.startsWith(jobs.resolve("fleet.yml") + ": field 'accounts': " + csv + ": line 3: field 'url'")
                    && p.contains("http:// or https://"));
            assertThat(problems).anyMatch(p -> p.contains(csv + ": line 4: field 'token_file': cannot read " + dir.resolve("missing.token")));
            assertThat(problems).anyMatch(p -> p.contains(csv + ": line 5: field 'url'") && p.contains("already on line 2"));
            assertThat(problems).anyMatch(p -> p.contains(csv + ": line 6: has 3 fields, not 2"));
            assertThat(problems).anyMatch(p -> p.contains(csv + ": line 7: field 'token_file': has no value"));
            assertThat(problems).anyMatch(p -> p.contains("headless.yml: field 'accounts'") && p.contains("line 1: the header must be 'url,token_file'"));
            assertThat(problems).anyMatch(p -> p.contains("both.yml: field 'account'")).anyMatch(p -> p.contains("both.yml: field 'token-file'"));
            assertThat(problems).anyMatch(p -> p.contains("no-file.yml: field 'accounts'") && p.contains("nowhere.csv: cannot read it"));
            assertThat(problems).anyMatch(p -> p.contains("bad-spread.yml: field 'spread'") && p.contains("90s, 30m or 2h"));
            assertThat(problems).anyMatch(p -> p.contains("bad-parallel.yml: field 'max-parallel'"));
        });

        BackupCli.Run run = BackupCli.inProcess("schedule", "--jobs", jobs.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("accounts.csv: line 4: field 'token_file'").doesNotContain("\tat ");
    }

    private static void write(Path jobs, String name, String yaml) throws IOException {
        Files.writeString(jobs.resolve(name + ".yml"), yaml);
    }
}
