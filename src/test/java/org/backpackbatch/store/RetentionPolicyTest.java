package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which snapshots {@code forget} keeps, checked against the golden files in
 * {@code src/test/resources/retention}: each holds tables of one account's snapshots, each table
 * under the policy it is decided by, with every snapshot's decision and its reasons, so that a
 * change of policy shows as a diff of a readable file. After a change made on purpose,
 * {@code -Dretention.update=true} writes the files anew, to be reviewed as part of the change.
 */
class RetentionPolicyTest {

    private static final String FOLDER = "retention";
    private static final String HEADER = row("id", "state", "started", "parent", "suspect", "decision");

    static Stream<String> goldenFiles() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(Path.of(Objects.requireNonNull(RetentionPolicyTest.class.getResource("/" + FOLDER)).toURI()))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".txt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void decisionsAreAsTheGoldenFileSays(String name) throws IOException, URISyntaxException {
        Path golden = Path.of(Objects.requireNonNull(RetentionPolicyTest.class.getResource("/" + FOLDER + "/" + name)).toURI());
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        String decided = decide(expected);
        if (Boolean.getBoolean("retention.update")) {
            Files.writeString(Path.of("src", "test", "resources", FOLDER, name), decided, StandardCharsets.UTF_8);
        }
        assertThat(decided).as("decisions of %s (-Dretention.update=true writes them into the file)", name).isEqualTo(expected);
    }

    @Test
    void refusesAPolicyThatKeepsNothing() {
        assertThatThrownBy(() -> new RetentionPolicy(0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new RetentionPolicy(-1, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The file with each table's decisions made anew: comments and blank lines stay, a line of
     * {@code --keep-...} options names a policy, and the table under it lists the snapshots.
     */
    private static String decide(String file) {
        List<String> lines = file.lines().toList();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i++);
            out.append(line).append('\n');
            if (!line.startsWith("--keep")) {
                continue;
            }
            RetentionPolicy policy = policy(line);
            assertThat(lines.get(i++)).as("the header under %s", line).isEqualTo(HEADER);
            out.append(HEADER).append('\n');
            List<Snapshot> snapshots = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).isBlank()) {
                snapshots.add(snapshot(lines.get(i++)));
            }
            for (RetentionPolicy.Decision decision : policy.decide(snapshots)) {
                Snapshot s = decision.snapshot();
                out.append(row(Long.toString(s.id()), s.state().label(), s.startedAt(), s.parentId() == null ? "-" : s.parentId().toString(),
                        s.suspect() ? "yes" : "no", decision.keep() ? "keep: " + String.join(", ", decision.reasons()) : "remove"))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static RetentionPolicy policy(String line) {
        int[] counts = new int[4];
        String[] words = line.trim().split("\\s+");
        for (int w = 0; w + 1 < words.length; w += 2) {
            int rule = List.of("--keep-last", "--keep-daily", "--keep-weekly", "--keep-monthly").indexOf(words[w]);
            assertThat(rule).as("an option of %s", line).isNotNegative();
            counts[rule] = Integer.parseInt(words[w + 1]);
        }
        return new RetentionPolicy(counts[0], counts[1], counts[2], counts[3]);
    }

    /** {@code id state started parent suspect [decision]}: the decision, if any, is what the test writes. */
    private static Snapshot snapshot(String line) {
        String[] cells = line.trim().split("\\s+");
        return new Snapshot(Long.parseLong(cells[0]), "https://acme.example", cells[3].equals("-") ? null : Long.valueOf(cells[3]),
                Snapshot.Origin.BACKUP, RunState.valueOf(cells[1].toUpperCase(java.util.Locale.ROOT)), Include.ALL, cells[2], null,
                new Snapshot.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), new Snapshot.Changes(0, 0, 0), 0, cells[4].equals("yes"), 0);
    }

    private static String row(String id, String state, String started, String parent, String suspect, String decision) {
        return String.format("%-3s %-9s %-21s %-7s %-8s %s", id, state, started, parent, suspect, decision).stripTrailing();
    }
}
