package org.backpackbatch.schedule;

import java.nio.file.Path;
import org.backpackbatch.notify.Notifications;
import org.backpackbatch.options.UnattendedOptions;

/**
 * One job of {@code jobs/}: its name (the file name), its Quartz cron (null: it runs only with
 * {@code schedule --once NAME}), what it does, whom it tells ({@code notify:}), and the command's
 * own {@code notify-url} and {@code metrics-file} options.
 */
public record JobDefinition(String name, Path file, String cron, JobWork work, Notifications notifications, UnattendedOptions unattended) {
}
