package org.backpackbatch.schedule;

import java.nio.file.Path;

/**
 * One job of {@code jobs/}: its name (the file name), its Quartz cron (null: it runs only with
 * {@code schedule --once NAME}) and what it does.
 */
public record JobDefinition(String name, Path file, String cron, JobWork work) {
}
