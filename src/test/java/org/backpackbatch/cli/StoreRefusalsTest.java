package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.store.SpecialFiles;
import org.backpackbatch.store.StoreFile;
import org.backpackbatch.store.StoreLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.backpackbatch.store.Store;

/**
 * Every command that takes --db answers the same to a --db it cannot use: exit 2, one line naming
 * the real cause (never exit 1's "re-run to resume", which could not help), and nothing changed.
 */
class StoreRefusalsTest {

    private static final List<String> COMMANDS = List.of("backup", "snapshots", "diff", "verify", "forget", "restore", "export", "import");
    private static final List<String> WRITERS = List.of("backup", "forget", "restore", "import");

    @TempDir
    static Path dir;

    private static Path emptyStore;
    private static Path tokenFile;
    private static int cases;

    @BeforeAll
    static void prepare() throws IOException {
        emptyStore = dir.resolve("template.db");
        Store.open(emptyStore, Store.Access.CREATE).close();
        tokenFile = Files.writeString(dir.resolve("token"), "0123456789abcdef0123456789abcdef01234567\n");
        Files.createDirectory(dir.resolve("others"));
    }

    static Stream<Arguments> badStores() {
        List<Arguments> cases = new ArrayList<>();
        for (String input : List.of("missing folder", "another database", "fifo", "folder", "device", "hard link")) {
            COMMANDS.forEach(command -> cases.add(Arguments.of(command, input)));
        }
        WRITERS.forEach(command -> cases.add(Arguments.of(command, "busy")));
        return cases.stream();
    }

    @SuppressWarnings("try") // the resource is held for the scope, not used in it
    @ParameterizedTest(name = "{0} --db <{1}>")
    @MethodSource("badStores")
    void aStoreACommandCannotUseIsRefusedWithExit2AndLeftAsItWas(String command, String input) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("case-" + ++cases));
        Path db = folder.resolve("store.db");
        String cause = switch (input) {
            case "missing folder" -> {
                db = folder.resolve("no/such/dir/store.db");
                yield "its folder " + folder.resolve("no/such/dir") + " does not exist";
            }
            case "another database" -> {
                try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                     Statement statement = connection.createStatement()) {
                    statement.executeUpdate("CREATE TABLE recipes (name TEXT, steps TEXT)");
                    statement.executeUpdate("INSERT INTO recipes VALUES ('bread', 'knead, wait, bake')");
                }
                yield db + " is an SQLite database but not a backpack-batch store (it holds the tables recipes)";
            }
            case "fifo", "folder", "device" -> {
                SpecialFiles.make(input, db);
                yield "it is " + SpecialFiles.described(input) + ", not a regular file";
            }
            case "hard link" -> {
                Files.copy(emptyStore, db);
                Files.createLink(folder.resolve("another-name.db"), db);
                yield "the store " + db + " has 2 names (hard links)";
            }
            default -> {
                Files.copy(emptyStore, db);
                yield "another backpack-batch job is writing to " + db + "; run this one when it has finished";
            }
        };
        try (StoreLock held = input.equals("busy") ? StoreLock.acquire(db, false) : null) {
            Map<String, String> before = contents(folder);

            BackupCli.Run run = BackupCli.inProcess(command(command, db));

            assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
            assertThat(run.errorLines()).singleElement().asString().startsWith("error: ").contains(cause);
            assertThat(run.err().lines()).as("the error line alone, no stack trace").hasSize(1);
            assertThat(contents(folder)).as("the files where --db points").isEqualTo(before);
        }
    }

    private static String[] command(String command, Path db) {
        Path others = dir.resolve("others");
        List<String> args = new ArrayList<>(List.of(command, "--db", db.toString()));
        args.addAll(switch (command) {
            case "backup" -> List.of("--account", "http://127.0.0.1:9/acme", "--token-file", tokenFile.toString(), "--rate", "off",
                    "--progress", "none");
            case "forget" -> List.of("--keep-last", "1");
            case "restore" -> List.of("--account", "http://127.0.0.1:9/acme", "--target-token-file", tokenFile.toString());
            case "export" -> List.of("--format", "xml", "--out", others.resolve("out.xml").toString());
            case "import" -> List.of("--xml", others.resolve("archive.xml").toString());
            default -> List.of();
        });
        return args.toArray(String[]::new);
    }

    /** What a folder holds, all the way down: each entry's type, and a regular file's bytes. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> entries = Files.walk(folder)) {
            for (Path entry : entries.toList()) {
                contents.put(folder.relativize(entry).toString(), Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                        ? "file " + Arrays.hashCode(Files.readAllBytes(entry)) + " " + Files.size(entry)
                        : Files.isDirectory(entry) ? "folder" : "special");
            }
        }
        return contents;
    }
}
