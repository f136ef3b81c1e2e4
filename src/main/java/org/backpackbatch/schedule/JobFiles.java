package org.backpackbatch.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.notify.InvalidNotifyException;
import org.backpackbatch.notify.Notifications;
import org.backpackbatch.store.StoreLocation;
import org.quartz.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads and checks every {@code *.yml} job definition of a folder. All files are checked before
 * anything runs; each problem names its file and field. A job owns the folders its store and
 * output go into: they are created when missing.
 */
public final class JobFiles {

    /** The fields of a job file that are not options of its command. */
    private static final Set<String> COMMON = Set.of("type", "cron", "description", "notify");
    private static final int MAX_FILE_BYTES = 64 * 1024;

    /** Every problem found in the folder's job files, one line each; none means the jobs are valid. */
    public static final class InvalidJobsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

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

    /**
     * The daemon's jobs: the valid definitions of {@code dir}, by name, with the folders their
     * stores and outputs go into; any problem in any file fails the whole load.
     */
    public static Map<String, JobDefinition> load(Path dir) {
        List<JobFile> files = readFolder(dir);
        List<String> problems = new ArrayList<>();
        files.forEach(file -> problems.addAll(file.problems()));
        if (!problems.isEmpty()) {
            throw new InvalidJobsException(problems);
        }
        Map<String, JobDefinition> jobs = new TreeMap<>();
        files.forEach(file -> {
            jobs.put(file.name(), file.job());
            problems.addAll(prepareFolders(file.job()));
        });
        if (!problems.isEmpty()) {
            throw new InvalidJobsException(problems);
        }
        return jobs;
    }

    /**
     * One job of {@code dir} for {@code schedule --once}: only its own file must be valid; the
     * problems of the other files go to {@code warnings}. Its folders are made ready as for the daemon.
     */
    public static JobDefinition loadOne(Path dir, String name, Consumer<String> warnings) {
        List<JobFile> files = readFolder(dir);
        JobFile wanted = files.stream().filter(file -> file.name().equals(name)).findFirst().orElseThrow(() ->
                new InvalidJobsException(List.of("no job named '" + name + "' in " + dir + " (jobs: "
                        + String.join(", ", files.stream().map(JobFile::name).toList()) + ")")));
        files.stream().filter(file -> file != wanted).forEach(file -> file.problems().forEach(warnings));
        if (!wanted.problems().isEmpty()) {
            throw new InvalidJobsException(wanted.problems());
        }
        List<String> problems = prepareFolders(wanted.job());
        if (!problems.isEmpty()) {
            throw new InvalidJobsException(problems);
        }
        return wanted.job();
    }

    /** One file of the folder, read on its own: its definition, or the problems that keep it from being one. */
    private record JobFile(String name, JobDefinition job, List<String> problems) {
    }

    private static List<JobFile> readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidJobsException(List.of(dir + ": not a folder of job definitions"));
        }
        List<JobFile> files = new ArrayList<>();
        try (DirectoryStream<Path> paths = Files.newDirectoryStream(dir, "*.yml")) {
            for (Path path : paths) {
                List<String> problems = new ArrayList<>();
                JobDefinition job = read(path, problems);
                files.add(new JobFile(nameOf(path), job, problems));
            }
        } catch (IOException e) {
            throw new InvalidJobsException(List.of(dir + ": cannot list the folder: " + e.getMessage()));
        }
        if (files.isEmpty()) {
            throw new InvalidJobsException(List.of(dir + ": no job definitions (*.yml)"));
        }
        files.sort(Comparator.comparing(JobFile::name));
        return files;
    }

    /**
     * Creates the folders that the job's store and output go into (owner only: they hold an
     * account's data), since the job file names them; each one that cannot be made is a problem.
     */
    private static List<String> prepareFolders(JobDefinition job) {
        List<String> problems = new ArrayList<>();
        Map<String, Path> owned = new LinkedHashMap<>();
        if (job.work().store() instanceof StoreLocation.SqliteFile file) {
            owned.put("db", file.file());
        }
        if (job.work() instanceof JobWork.Export export) {
            owned.put("out", export.request().out());
        }
        owned.forEach((field, path) -> {
            Path folder = path.toAbsolutePath().getParent();
            if (folder == null || Files.isDirectory(folder)) {
                return;
            }
            try {
                if (Files.getFileStore(existingAncestor(folder)).supportsFileAttributeView("posix")) {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(folder);
                }
            } catch (IOException | UnsupportedOperationException e) {
                problems.add(job.file() + ": field '" + field + "': cannot create the folder " + folder + ": " + reason(e));
            }
        });
        return problems;
    }

    private static Path existingAncestor(Path folder) {
        Path existing = folder.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file, not a folder";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String nameOf(Path file) {
        return file.getFileName().toString().replaceFirst("\\.yml$", "");
    }

    private static JobDefinition read(Path file, List<String> problems) {
        String name = nameOf(file);
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
            problems.add(file + ": field 'type' is missing (" + types() + ")");
            return null;
        }
        if (!JobOptions.TYPES.containsKey(type)) {
            problems.add(file + ": field 'type': unknown type '" + type + "' (" + types() + ")");
            return null;
        }
        String cron = text(file, fields, "cron", problems);
        if (cron != null && !CronExpression.isValidExpression(cron)) {
            problems.add(file + ": field 'cron': '" + cron + "' is not a Quartz cron expression (seconds first: '0 0 2 * * ?')");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String key = String.valueOf(field.getKey());
            if (!COMMON.contains(key) && hasValue(file, key, field.getValue(), problems)) {
                options.put(key, field.getValue());
            }
        }
        if (problems.size() > before) {
            return null;
        }
        Notifications notify;
        try {
            notify = Notifications.parse(fields.get("notify"));
        } catch (InvalidNotifyException e) {
            problems.add(file + ": field " + e.getMessage());
            notify = null;
        }
        JobOptions.Read read = JobOptions.read(type, options, file.toAbsolutePath().getParent().getParent(), file, problems);
        if (read == null) {
            return null;
        }
        checkWork(file, read.work(), problems);
        // a notify-url or metrics-file that can never work is refused now, not at the first run
        try (RunObservers observers = read.unattended().observers()) {
            observers.observers();
        } catch (RuntimeException e) {
            problems.add(file + ": " + e.getMessage());
        }
        return problems.size() == before ? new JobDefinition(name, file, cron, read.work(), notify, read.unattended()) : null;
    }

    private static String types() {
        return String.join(", ", new java.util.TreeSet<>(JobOptions.TYPES.keySet()));
    }

    /** What can be known of a job before it runs: its token file can be read, an output's folder has no date in it. */
    private static void checkWork(Path file, JobWork work, List<String> problems) {
        // the token files of an accounts: file were checked as it was read, line by line
        Path tokenFile = work instanceof JobWork.Backup backup ? (backup.accountsFile() == null ? backup.request().account().token().file() : null)
                : work instanceof JobWork.Restore restore ? restore.request().target().token().file() : null;
        if (tokenFile != null && !Files.isReadable(tokenFile)) {
            problems.add(file + ": field '" + (work instanceof JobWork.Backup ? "token-file" : "target-token-file") + "': cannot read "
                    + tokenFile);
        }
        // the scheduler makes the output's folder at start-up, before any run has a date
        if (work instanceof JobWork.Export export && String.valueOf(export.request().out().getParent()).contains("{date}")) {
            problems.add(file + ": field 'out': {date} may only be part of the file name, not of its folder");
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

    /** A field must hold a value or a list of values, none of them empty. */
    private static boolean hasValue(Path file, String key, Object value, List<String> problems) {
        if (value instanceof Map) {
            problems.add(file + ": field '" + key + "': must be a value or a list of values");
            return false;
        }
        List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        if (values.isEmpty() || values.stream().anyMatch(element -> element == null || String.valueOf(element).isBlank())) {
            problems.add(file + ": field '" + key + "': has no value");
            return false;
        }
        return true;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
