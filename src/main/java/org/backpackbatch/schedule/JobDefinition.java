package org.backpackbatch.schedule;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.backpackbatch.notify.Notifications;
import org.backpackbatch.options.UnattendedOptions;
import org.quartz.CronExpression;

/**
 * One job of {@code jobs/}: its name (the file name), its Quartz cron (null: it runs only with
 * {@code schedule --once NAME}), what it does, whom it tells ({@code notify:}), and the command's
 * own {@code notify-url} and {@code metrics-file} options.
 */
public record JobDefinition(String name, Path file, String cron, JobWork work, Notifications notifications, UnattendedOptions unattended) {

    /** The job's runs: the job itself, or a backup's accounts, each a run of its own under the job's name. */
    public List<JobDefinition> runs() {
        if (work instanceof JobWork.Backup backup && backup.accounts().size() > 1) {
            return backup.each().stream().map(this::doing).toList();
        }
        return List.of(this);
    }

    /** What identifies a run in the schedule: the job's name, with the account's URL for an account of an {@code accounts:} file. */
    public String runKey() {
        return work instanceof JobWork.Backup backup && backup.accountsFile() != null
                ? name + " " + backup.request().account().url() : name;
    }

    /** When the run that follows {@code after} starts: the cron's next time, plus the account's offset in the job's spread; null without a cron. */
    public Instant nextStart(Instant after) {
        if (cron == null) {
            return null;
        }
        try {
            Date next = new CronExpression(cron).getNextValidTimeAfter(Date.from(after));
            return next == null ? null : next.toInstant().plus(offset());
        } catch (ParseException e) {
            throw new IllegalStateException("the cron of " + file + " was checked when it was read: " + e.getMessage(), e);
        }
    }

    /** The run's offset after the cron time: its account's place in the job's spread (none for other jobs). */
    public java.time.Duration offset() {
        return work instanceof JobWork.Backup backup && work.account() != null ? backup.spread().offsetOf(work.account())
                : java.time.Duration.ZERO;
    }

    private JobDefinition doing(JobWork run) {
        return new JobDefinition(name, file, cron, run, notifications, unattended);
    }
}
