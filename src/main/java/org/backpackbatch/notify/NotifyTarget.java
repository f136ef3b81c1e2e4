package org.backpackbatch.notify;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.app.RunSummary.Outcome;

/** Where one notification goes; {@link Notifications} reads them from a job file or the command line. */
public sealed interface NotifyTarget {

    /** The target as a log line names it: a URL's query values masked, any loaded token scrubbed. */
    String shown();

    /** An HTTP(S) URL that receives a POST of the run's JSON summary. */
    record Webhook(URI url) implements NotifyTarget {
        @Override
        public String shown() {
            return "webhook " + masked(url);
        }
    }

    /**
     * A healthchecks-style ping URL: a POST of the JSON summary to {@code URL/start} when a run
     * starts, to {@code URL} when it succeeds, to {@code URL/fail} when it fails or is interrupted.
     */
    record Ping(URI url) implements NotifyTarget {
        /** Where the ping for a run at {@code outcome} goes. */
        public URI urlFor(Outcome outcome) {
            String suffix = switch (outcome) {
                case STARTED -> "/start";
                case SUCCEEDED -> "";
                case FAILED, INTERRUPTED -> "/fail";
            };
            String path = url.getRawPath().replaceFirst("/+$", "");
            return URI.create(url.getScheme() + "://" + url.getRawAuthority() + path + suffix
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        }

        @Override
        public String shown() {
            return "ping " + masked(url);
        }
    }

    /** A program run without a shell, the JSON summary on its standard input. */
    record Command(List<String> argv) implements NotifyTarget {
        public Command {
            argv = List.copyOf(argv);
        }

        @Override
        public String shown() {
            return Secrets.scrub("command " + String.join(" ", argv));
        }
    }

    /** Query values can be keys ({@code ?token=...}): only their names are shown. */
    private static String masked(URI url) {
        String query = url.getRawQuery() == null ? "" : "?" + Stream.of(url.getRawQuery().split("&"))
                .map(pair -> pair.contains("=") ? pair.substring(0, pair.indexOf('=')) + "=***" : "***")
                .collect(Collectors.joining("&"));
        return Secrets.scrub(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + query);
    }
}
