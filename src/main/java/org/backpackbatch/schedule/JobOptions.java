package org.backpackbatch.schedule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.backpackbatch.options.BackupOptions;
import org.backpackbatch.options.ExportOptions;
import org.backpackbatch.options.ForgetOptions;
import org.backpackbatch.options.RestoreOptions;
import org.backpackbatch.options.RetentionOptions;
import org.backpackbatch.options.UnattendedOptions;
import org.backpackbatch.options.VerifyOptions;
import org.backpackbatch.app.BackupRequest;
import org.backpackbatch.app.UsageException;
import org.backpackbatch.store.RetentionPolicy;
import org.backpackbatch.store.StoreLocation;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of a job file, read through the very option classes the command line declares: a
 * file's fields are the values of the command's options (a field is an option's name without its
 * dashes), given to picocli as its default values, so that the same conversion, checks and
 * defaults apply, and an option added to a command works in a job file at once.
 */
final class JobOptions {

    /** The options of one type of job, read: what the job does, and what it tells outside. */
    private abstract static class OfType {
        @Mixin
        UnattendedOptions unattended;

        abstract JobWork work();
    }

    /** A job file's options, read. */
    record Read(JobWork work, UnattendedOptions unattended) {
    }

    /**
     * A backup job's options: the command's, a retention policy that forget applies to an account
     * after each of its successes, and the fields of a job of many accounts (they exist only in job files).
     */
    static final class BackupJob extends OfType {
        static final String ACCOUNTS = "accounts";
        /** What {@code accounts:} replaces. */
        static final List<String> ONE_ACCOUNT = List.of("account", "token-file");

        @Mixin
        BackupOptions backup;

        @Mixin
        RetentionOptions retention;

        @Option(names = "--" + ACCOUNTS, paramLabel = "FILE",
                description = "A CSV file of accounts, header url,token_file (token files relative to its folder), instead of account and token-file.")
        Path accounts;

        @Option(names = "--spread", defaultValue = "0", paramLabel = "DURATION", converter = SpreadConverter.class,
                description = "Start each account at a stable offset (a hash of its URL) inside this window after the cron time: 90s, 30m, 2h.")
        Spread spread;

        @Option(names = "--max-parallel", defaultValue = "16", paramLabel = "N", description = "The most accounts one node backs up at once.")
        int maxParallel;

        @Override
        JobWork work() {
            if (maxParallel < 1 || maxParallel > MAX_PARALLEL) {
                throw new UsageException("--max-parallel must be between 1 and " + MAX_PARALLEL + ", not " + maxParallel);
            }
            RetentionPolicy policy = retention.given() ? retention.policy() : null;
            if (accounts == null) {
                return new JobWork.Backup(List.of(backup.request()), null, policy, spread, maxParallel);
            }
            List<BackupRequest> requests = AccountsFile.read(accounts).stream().map(entry -> backup.request(entry.url(), entry.tokenFile()))
                    .toList();
            return new JobWork.Backup(requests, accounts, policy, spread, maxParallel);
        }
    }

    /** Threads a node gives one job's accounts, each with its own workers: past this, a node is better doubled. */
    static final int MAX_PARALLEL = 256;

    static final class SpreadConverter implements CommandLine.ITypeConverter<Spread> {
        @Override
        public Spread convert(String value) {
            try {
                return Spread.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class RestoreJob extends OfType {
        @Mixin
        RestoreOptions restore;

        @Override
        JobWork work() {
            return new JobWork.Restore(restore.request());
        }
    }

    static final class ExportJob extends OfType {
        @Mixin
        ExportOptions export;

        @Override
        JobWork work() {
            return new JobWork.Export(export.request());
        }
    }

    static final class ForgetJob extends OfType {
        @Mixin
        ForgetOptions forget;

        @Override
        JobWork work() {
            return new JobWork.Forget(forget.request());
        }
    }

    static final class VerifyJob extends OfType {
        @Mixin
        VerifyOptions verify;

        @Override
        JobWork work() {
            return new JobWork.Verify(verify.request());
        }
    }

    /** The types a job can be, and the options each reads. */
    static final Map<String, Supplier<OfType>> TYPES = Map.of(
            "backup", BackupJob::new, "restore", RestoreJob::new, "export", ExportJob::new, "forget", ForgetJob::new,
            "verify", VerifyJob::new);

    private JobOptions() {
    }

    /**
     * Reads {@code fields} (the file's option fields, each a scalar or a list) into the options of
     * {@code type}; relative file paths are taken from {@code base}. Returns the work, or adds the
     * problems (one line each, naming the field) and returns null.
     */
    static Read read(String type, Map<String, Object> fields, Path base, Path file, List<String> problems) {
        OfType options = TYPES.get(type).get();
        CommandLine command = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        int before = problems.size();
        for (String field : fields.keySet()) {
            if (command.getCommandSpec().findOption("--" + field) == null) {
                problems.add(file + ": field '" + field + "': not an option of a " + type + " job");
            }
        }
        if (fields.containsKey(BackupJob.ACCOUNTS)) {
            BackupJob.ONE_ACCOUNT.stream().filter(fields::containsKey).forEach(field -> problems.add(file + ": field '" + field
                    + "': a job that names its accounts in a file (field 'accounts') takes their URLs and token files from there"));
            optional(command.getCommandSpec(), "--account");
        }
        if (problems.size() > before) {
            return null;
        }
        command.setDefaultValueProvider(arg -> arg instanceof OptionSpec option ? value(option, fields, base) : null);
        try {
            command.parseArgs();
            return new Read(options.work(), options.unattended);
        } catch (AccountsFile.InvalidAccountsException e) {
            e.problems().forEach(problem -> problems.add(file + ": field '" + BackupJob.ACCOUNTS + "': " + problem));
        } catch (CommandLine.MissingParameterException e) {
            e.getMissing().forEach(missing -> problems.add(file + ": field '" + nameOf(missing) + "' is missing (a " + type
                    + " job needs it)"));
        } catch (CommandLine.ParameterException e) {
            problems.add(file + ": " + fieldOf(e) + e.getMessage());
        } catch (RuntimeException e) {
            // a value the options accepted but the request refuses names its option: the field
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String field = command.getCommandSpec().options().stream().map(JobOptions::nameOf)
                    .filter(name -> message.contains("--" + name)).findFirst().map(name -> "field '" + name + "': ").orElse("");
            problems.add(file + ": " + field + message);
        }
        return null;
    }

    /** Makes a required option optional, for a job whose file gives its value another way. */
    private static void optional(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        spec.remove(option);
        spec.addOption(option.toBuilder().required(false).build());
    }

    /** The field's value as picocli reads a default: a list as its values joined with commas (the options split on them). */
    private static String value(OptionSpec option, Map<String, Object> fields, Path base) {
        Object value = fields.get(nameOf(option));
        if (value == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(element -> values.add(String.valueOf(element).strip()));
        } else {
            values.add(String.valueOf(value).strip());
        }
        if (isFile(option)) {
            values.replaceAll(path -> StoreLocation.namesAFile(path) ? base.resolve(path).normalize().toString() : path);
        }
        return String.join(",", values);
    }

    /** Options whose values name files: relative to the folder that holds {@code jobs/}. */
    private static boolean isFile(ArgSpec option) {
        return option.type() == Path.class || option.type() == StoreLocation.class;
    }

    private static String fieldOf(CommandLine.ParameterException e) {
        return e.getArgSpec() instanceof OptionSpec option ? "field '" + nameOf(option) + "': " : "";
    }

    private static String nameOf(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName().substring(2) : arg.paramLabel();
    }
}
