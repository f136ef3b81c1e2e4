package org.backpackbatch.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.app.RunSummary.Outcome;

/**
 * Who hears about a run, and when: a job file's {@code notify:} field and the command line's
 * {@code --notify-url}, read by this one definition.
 *
 * <p>In a job file:
 * <pre>
 * notify:
 *   on-start:
 *     - ping: https://hc-ping.com/0f1e2d3c          # POST to URL/start
 *   on-success:
 *     - https://hooks.example.com/backups          # POST of the run's JSON summary
 *     - ping: https://hc-ping.com/0f1e2d3c          # POST to URL
 *   on-failure:                                    # a run that failed or was interrupted
 *     - https://hooks.example.com/backups
 *     - ping: https://hc-ping.com/0f1e2d3c          # POST to URL/fail
 *     - command: [/usr/local/bin/page-me, --team, ops]
 *     - command: /usr/local/bin/page-me --team ops # the same: split on spaces, no shell
 * </pre>
 * Each of {@code on-start}, {@code on-success} and {@code on-failure} is optional and holds a list
 * of targets (or one target): an {@code http://} or {@code https://} URL (a webhook), {@code ping:
 * URL} (healthchecks-style) or {@code command:} (a program and its arguments, as a list or as one
 * line split on spaces; it gets the JSON summary on its standard input). A URL may not carry a user
 * name or password ({@code https://user:pass@host}): nothing is sent with a notification but the
 * summary, so a secret the receiver needs goes into the URL's path or query. {@code --notify-url URL}
 * (repeatable) is a webhook under both {@code on-success} and {@code on-failure}.
 *
 * <p>A problem is one line naming the field, the first target of a list being {@code [0]}:
 * {@code notify.on-failure[1]: 'ftp://x' is not an http:// or https:// URL}.
 *
 * @param onStart targets told when a run starts
 * @param onSuccess targets told when a run succeeds
 * @param onFailure targets told when a run fails or is interrupted
 */
public record Notifications(List<NotifyTarget> onStart, List<NotifyTarget> onSuccess, List<NotifyTarget> onFailure) {

    private static final Notifications NONE = new Notifications(List.of(), List.of(), List.of());
    private static final String EVENTS = "on-start, on-success, on-failure";
    private static final String TARGET_KINDS = "an http(s) URL, 'ping: URL' or 'command: PROGRAM ARGS'";

    public Notifications {
        onStart = List.copyOf(onStart);
        onSuccess = List.copyOf(onSuccess);
        onFailure = List.copyOf(onFailure);
    }

    /** Nobody is told anything. */
    public static Notifications none() {
        return NONE;
    }

    /**
     * A job file's {@code notify:} value as SnakeYAML's SafeConstructor loads it (null when the
     * file has none); see the class comment for its form.
     *
     * @throws InvalidNotifyException naming the first field that is wrong
     */
    public static Notifications parse(Object notify) {
        if (notify == null) {
            return NONE;
        }
        if (!(notify instanceof Map<?, ?> events) || events.isEmpty()) {
            throw new InvalidNotifyException("notify", "must map " + EVENTS + " to targets");
        }
        List<NotifyTarget> onStart = List.of();
        List<NotifyTarget> onSuccess = List.of();
        List<NotifyTarget> onFailure = List.of();
        for (Map.Entry<?, ?> event : events.entrySet()) {
            String key = String.valueOf(event.getKey());
            String field = "notify." + key;
            switch (key) {
                case "on-start" -> onStart = targets(field, event.getValue());
                case "on-success" -> onSuccess = targets(field, event.getValue());
                case "on-failure" -> onFailure = targets(field, event.getValue());
                default -> throw new InvalidNotifyException("notify", "unknown event '" + Secrets.scrub(key) + "' (" + EVENTS + ")");
            }
        }
        return new Notifications(onStart, onSuccess, onFailure);
    }

    /**
     * The command line's {@code --notify-url} values: a webhook told of every ended run, success,
     * failure or interruption.
     *
     * @throws InvalidNotifyException naming {@code --notify-url} and the URL that is wrong
     */
    public static Notifications webhooks(List<String> urls) {
        List<NotifyTarget> webhooks = urls.stream().<NotifyTarget>map(url -> new NotifyTarget.Webhook(url("--notify-url", url))).toList();
        return new Notifications(List.of(), webhooks, webhooks);
    }

    /** True when nobody is told anything. */
    public boolean isEmpty() {
        return onStart.isEmpty() && onSuccess.isEmpty() && onFailure.isEmpty();
    }

    /** The targets told of a run at {@code outcome}. */
    public List<NotifyTarget> targetsFor(Outcome outcome) {
        return switch (outcome) {
            case STARTED -> onStart;
            case SUCCEEDED -> onSuccess;
            case FAILED, INTERRUPTED -> onFailure;
        };
    }

    private static List<NotifyTarget> targets(String field, Object value) {
        if (value == null || value instanceof List<?> empty && empty.isEmpty()) {
            throw new InvalidNotifyException(field, "has no targets (" + TARGET_KINDS + ")");
        }
        if (!(value instanceof List<?> list)) {
            return List.of(target(field, value));
        }
        List<NotifyTarget> targets = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            targets.add(target(field + "[" + i + "]", list.get(i)));
        }
        return targets;
    }

    private static NotifyTarget target(String field, Object value) {
        if (value instanceof String url) {
            return new NotifyTarget.Webhook(url(field, url));
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            String kind = String.valueOf(only.getKey());
            if (kind.equals("ping")) {
                if (!(only.getValue() instanceof String url)) {
                    throw new InvalidNotifyException(field + ".ping", "must be an http(s) URL");
                }
                return new NotifyTarget.Ping(url(field + ".ping", url));
            }
            if (kind.equals("command")) {
                return new NotifyTarget.Command(argv(field + ".command", only.getValue()));
            }
            throw new InvalidNotifyException(field, "unknown target '" + Secrets.scrub(kind) + "' (" + TARGET_KINDS + ")");
        }
        throw new InvalidNotifyException(field, "must be " + TARGET_KINDS);
    }

    private static List<String> argv(String field, Object value) {
        List<String> argv = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object argument : list) {
                if (argument == null || argument instanceof Map || argument instanceof List) {
                    throw new InvalidNotifyException(field, "each argument must be a single value");
                }
                argv.add(String.valueOf(argument));
            }
        } else if (value != null && !(value instanceof Map)) {
            argv.addAll(List.of(String.valueOf(value).strip().split("\\s+")));
        }
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new InvalidNotifyException(field, "names no program to run");
        }
        return argv;
    }

    /** An http(s) URL with a host; credentials in it are refused, since nothing would send them. */
    private static URI url(String field, String text) {
        String shown = "'" + Secrets.scrub(text.strip()) + "'";
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidNotifyException(field, shown + " is not a valid URL: " + Secrets.scrub(e.getReason()));
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidNotifyException(field, shown + " is not an http:// or https:// URL");
        }
        if (url.getRawUserInfo() != null) {
            // HttpClient refuses such URLs, and we send no credentials: say so now, not at every run
            throw new InvalidNotifyException(field, "the URL carries a user name or password, which notifications never send;"
                    + " put a secret the receiver needs into the URL's path or query");
        }
        if (url.getHost() == null) {
            throw new InvalidNotifyException(field, shown + " has no host");
        }
        return url;
    }
}
