package org.backpackbatch.schedule;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One job of {@code jobs/}: its name (the file name), the command it runs, its Quartz cron (null:
 * it runs only with {@code schedule --once NAME}) and the command's options. A backup may carry a
 * retention policy, applied by {@code forget} after each successful run.
 */
public record JobDefinition(String name, Path file, String type, String cron, Map<String, List<String>> options,
        Map<String, String> retention) {

    public JobDefinition {
        options = Map.copyOf(options);
        retention = Map.copyOf(retention);
    }

    public String db() {
        return single("db");
    }

    public String account() {
        return single("account");
    }

    public String single(String option) {
        List<String> values = options.get(option);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
