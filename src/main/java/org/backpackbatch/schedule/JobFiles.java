package org.backpackbatch.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.quartz.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads and checks every {@code *.yml} job definition of a folder. All files are checked before
 * anything runs; each problem names its file and field.
 */
public final class JobFiles {

    private static final Set<String> COMMON = Set.of("type", "cron", "description");
    private static final Set<String> RETENTION = Set.of("keep-last", "keep-daily", "keep-weekly", "keep-monthly");
    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "backup", Set.of("account", "db", "token-file", "workers", "rate", "include"),
            "restore", Set.of("account", "db", "target-token-file", "snapshot", "page", "include-friends", "emails-as-notes",
                    "workers", "rate"),
            "export", Set.of("db", "snapshot", "format", "out", "force"),
            "forget", Set.of("db", "keep-last", "keep-daily", "keep-weekly", "keep-monthly"));
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "backup", List.of("account", "db", "token-file"),
            "restore", List.of("account", "db", "target-token-file"),
            "export", List.of("db", "format", "out"),
            "forget", List.of("db"));
    private static final int MAX_FILE_BYTES = 64 * 1024;
    /** Options that name files: a relative path is taken from the folder that holds {@code jobs/}. */
    private static final Set<String> PATHS = Set.of("db", "token-file", "target-token-file", "out");

    /** Every problem found in the folder's job files, one line each; none means the jobs are valid. */
    public static final class InvalidJobsException extends RuntimeException {
        private final List<String> problems;

        InvalidJobsException(List<String> problems) {
            super(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private JobFiles() {
    }

    /** The valid definitions of {@code dir}, by name; any problem in any file fails the whole load. */
    public static Map<String, JobDefinition> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidJobsException(List.of(dir + ": not a folder of job definitions"));
        }
        Map<String, JobDefinition> jobs = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yml")) {
            for (Path file : files) {
                JobDefinition job = read(file, problems);
                if (job != null) {
                    jobs.put(job.name(), job);
                }
            }
        } catch (IOException e) {
            problems.add(dir + ": cannot list the folder: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new InvalidJobsException(problems);
        }
        if (jobs.isEmpty()) {
            throw new InvalidJobsException(List.of(dir + ": no job definitions (*.yml)"));
        }
        return jobs;
    }

    private static JobDefinition read(Path file, List<String> problems) {
        String name = file.getFileName().toString().replaceFirst("\\.yml$", "");
        Object document;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.add(file + ": larger than " + MAX_FILE_BYTES / 1024 + " KiB, not a job definition");
                return null;
            }
            LoaderOptions limits = new LoaderOptions();
            limits.setAllowDuplicateKeys(false);
            limits.setMaxAliasesForCollections(10);
            limits.setNestingDepthLimit(10);
            limits.setCodePointLimit(MAX_FILE_BYTES);
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                document = new Yaml(new SafeConstructor(limits)).load(reader);
            }
        } catch (IOException | RuntimeException e) {
            problems.add(file + ": not valid YAML: " + firstLine(e.getMessage()));
            return null;
        }
        if (!(document instanceof Map<?, ?> fields)) {
            problems.add(file + ": must be a mapping of fields (type, cron, options)");
            return null;
        }
        int before = problems.size();
        String type = text(file, fields, "type", problems);
        if (type == null) {
            problems.add(file + ": field 'type' is missing (backup, restore, export or forget)");
        } else if (!OPTIONS.containsKey(type)) {
            problems.add(file + ": field 'type': unknown type '" + type + "' (backup, restore, export or forget)");
            return null;
        }
        String cron = text(file, fields, "cron", problems);
        if (cron != null && !CronExpression.isValidExpression(cron)) {
            problems.add(file + ": field 'cron': '" + cron + "' is not a Quartz cron expression (seconds first: '0 0 2 * * ?')");
        }
        Map<String, List<String>> options = new LinkedHashMap<>();
        Map<String, String> retention = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String key = String.valueOf(field.getKey());
            if (COMMON.contains(key)) {
                continue;
            }
            boolean isRetention = RETENTION.contains(key) && "backup".equals(type);
            if (type != null && !isRetention && !OPTIONS.get(type).contains(key)) {
                problems.add(file + ": field '" + key + "': not an option of a " + type + " job");
                continue;
            }
            List<String> values = values(file, key, field.getValue(), problems);
            if (values == null) {
                continue;
            }
            if (isRetention) {
                retention.put(key, values.get(0));
            } else if (PATHS.contains(key)) {
                Path base = file.toAbsolutePath().getParent().getParent();
                options.put(key, values.stream().map(value -> base.resolve(value).normalize().toString()).toList());
            } else {
                options.put(key, values);
            }
        }
        if (type != null) {
            for (String required : REQUIRED.get(type)) {
                if (!options.containsKey(required)) {
                    problems.add(file + ": field '" + required + "' is missing (a " + type + " job needs it)");
                }
            }
            checkValues(file, type, options, retention, problems);
        }
        return problems.size() == before ? new JobDefinition(name, file, type, cron, options, retention) : null;
    }

    private static void checkValues(Path file, String type, Map<String, List<String>> options, Map<String, String> retention,
            List<String> problems) {
        for (String tokenField : List.of("token-file", "target-token-file")) {
            List<String> tokenFile = options.get(tokenField);
            if (tokenFile != null && !Files.isReadable(Path.of(tokenFile.get(0)))) {
                problems.add(file + ": field '" + tokenField + "': cannot read " + tokenFile.get(0));
            }
        }
        Map<String, String> counts = new LinkedHashMap<>(retention);
        if ("forget".equals(type)) {
            RETENTION.forEach(key -> {
                if (options.containsKey(key)) {
                    counts.put(key, options.get(key).get(0));
                }
            });
            if (counts.isEmpty()) {
                problems.add(file + ": a forget job needs at least one of keep-last, keep-daily, keep-weekly, keep-monthly");
            }
        }
        for (String key : List.of("workers", "snapshot")) {
            if (options.containsKey(key)) {
                counts.put(key, options.get(key).get(0));
            }
        }
        counts.forEach((key, value) -> {
            if (!value.matches("[1-9]\\d{0,8}")) {
                problems.add(file + ": field '" + key + "': '" + value + "' is not a whole number of at least 1");
            }
        });
        if (options.containsKey("format") && !List.of("sqlite", "xml").contains(options.get("format").get(0))) {
            problems.add(file + ": field 'format': must be sqlite or xml");
        }
    }

    private static String text(Path file, Map<?, ?> fields, String key, List<String> problems) {
        Object value = fields.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problems.add(file + ": field '" + key + "': must be a single value");
            return null;
        }
        return String.valueOf(value).strip();
    }

    private static List<String> values(Path file, String key, Object value, List<String> problems) {
        if (value instanceof Map) {
            problems.add(file + ": field '" + key + "': must be a value or a list of values");
            return null;
        }
        List<String> values = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(element -> values.add(String.valueOf(element).strip()));
        } else if (value != null) {
            values.add(String.valueOf(value).strip());
        }
        if (values.isEmpty() || values.stream().anyMatch(String::isEmpty)) {
            problems.add(file + ": field '" + key + "': has no value");
            return null;
        }
        return values;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
