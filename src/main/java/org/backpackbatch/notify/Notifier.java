package org.backpackbatch.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.backpackbatch.Version;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.app.RunObserver;
import org.backpackbatch.app.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a run's targets about it, without ever holding the run up or failing it: each target gets
 * the JSON summary within the timeout (10 s by default), which covers a first attempt, a short
 * backoff and one retry; a webhook or ping counts as delivered on a 2xx answer (redirects are not
 * followed), a command when it exits with 0. Targets are served in parallel. Every delivery is
 * logged once under {@code notify}: INFO when delivered, ERROR with the reason when not. Nothing but
 * the summary is sent: no token, no credentials, and a command's environment loses every variable
 * that holds a loaded token.
 */
public final class Notifier implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger("notify");
    /** How much longer than the timeout {@link #deliver} waits for a target that ignores its deadline (a hung DNS lookup). */
    private static final Duration WAIT_GRACE = Duration.ofSeconds(1);
    /** What is shown of a failed command's output: its last line within this many bytes. */
    private static final int OUTPUT_TAIL_BYTES = 4096;

    private final Notifications notifications;
    private final Duration timeout;
    private final Duration backoff;
    private final CloseableHttpClient http;
    private final ExecutorService deliveries = Executors.newCachedThreadPool(daemon("notify"));
    /** Aborts each attempt at its deadline: HttpClient's timeouts bound each read, not a whole exchange. */
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, daemon("notify-deadlines"));

    public Notifier(Notifications notifications) {
        this(notifications, DEFAULT_TIMEOUT);
    }

    /** {@code timeout} bounds each target's delivery, retry included; the backoff before the retry is a tenth of it. */
    public Notifier(Notifications notifications, Duration timeout) {
        this(notifications, timeout, timeout.dividedBy(10));
    }

    /** With a backoff of its own: tests give a loaded machine a long timeout without waiting a tenth of it before each retry. */
    Notifier(Notifications notifications, Duration timeout, Duration backoff) {
        this.notifications = notifications;
        this.timeout = timeout;
        this.backoff = backoff;
        deadlines.setRemoveOnCancelPolicy(true);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(timeout))
                                .setSocketTimeout(Timeout.of(timeout))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(timeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("backpack-batch/" + Version.current())
                .build();
    }

    /**
     * Tells the targets of the summary's outcome and waits until each is done: the timeout at most
     * (a second more for a target stuck where no deadline reaches, such as a DNS lookup). Never
     * throws; a caller interrupted by a stop signal still waits (its run's interruption is worth
     * telling) and keeps its interrupt status.
     */
    public void deliver(RunSummary summary) {
        CompletableFuture<Void> delivered = send(summary);
        long giveUp = System.nanoTime() + timeout.plus(WAIT_GRACE).toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    delivered.get(giveUp - System.nanoTime(), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return;
                } catch (TimeoutException e) {
                    LOG.error("stopped waiting after {}: the notifications of {} are still on their way",
                            seconds(timeout.plus(WAIT_GRACE)), event(summary));
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * An observer of one run: its start is sent without waiting (the run is never held up), its end
     * is delivered once the start has gone, so that a target hears them in order.
     */
    public RunObserver observer() {
        return new RunObserver() {
            private CompletableFuture<Void> start = CompletableFuture.completedFuture(null);

            @Override
            public void started(RunSummary run) {
                start = send(run);
            }

            @Override
            public void ended(RunSummary run) {
                start.join();
                deliver(run);
            }
        };
    }

    /**
     * Starts telling the targets of the summary's outcome and returns at once, for a caller that
     * will not wait (a daemon); the future completes, never exceptionally, when every target is done.
     * Events sent this way may overtake each other at a target: deliver a run's start, send its end.
     */
    public CompletableFuture<Void> send(RunSummary summary) {
        try {
            List<NotifyTarget> targets = notifications.targetsFor(summary.outcome());
            if (targets.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            byte[] json = RunSummaryJson.of(summary).getBytes(StandardCharsets.UTF_8);
            return CompletableFuture.allOf(targets.stream()
                    .map(target -> CompletableFuture.runAsync(() -> deliverTo(target, summary, json), deliveries))
                    .toArray(CompletableFuture[]::new));
        } catch (RuntimeException e) {
            LOG.error("could not notify anyone of {}: {}", event(summary), describe(e));
            return CompletableFuture.completedFuture(null);
        }
    }

    private void deliverTo(NotifyTarget target, RunSummary summary, byte[] json) {
        long start = System.nanoTime();
        try {
            String failure = attempt(target, summary.outcome(), json, start + (timeout.toNanos() - backoff.toNanos()) / 2);
            if (failure == null) {
                LOG.info("notified {} of {}", target.shown(), event(summary));
                return;
            }
            Thread.sleep(backoff.toMillis());
            String retryFailure = attempt(target, summary.outcome(), json, start + timeout.toNanos());
            if (retryFailure == null) {
                LOG.info("notified {} of {} on the retry, after: {}", target.shown(), event(summary), failure);
            } else {
                LOG.error("could not notify {} of {}: {}", target.shown(), event(summary),
                        retryFailure.equals(failure) ? failure + ", twice (retried once)" : failure + "; on the retry: " + retryFailure);
            }
        } catch (InterruptedException e) {
            LOG.error("could not notify {} of {}: the process is shutting down", target.shown(), event(summary));
        } catch (RuntimeException e) {
            LOG.error("could not notify {} of {}: {}", target.shown(), event(summary), describe(e));
        }
    }

    /** Null when delivered, else why not. */
    private String attempt(NotifyTarget target, RunSummary.Outcome outcome, byte[] json, long deadline) throws InterruptedException {
        if (deadline - System.nanoTime() <= 0) {
            return "no time left within the " + seconds(timeout) + " timeout";
        }
        if (target instanceof NotifyTarget.Webhook webhook) {
            return post(webhook.url(), json, deadline);
        }
        if (target instanceof NotifyTarget.Ping ping) {
            return post(ping.urlFor(outcome), json, deadline);
        }
        return run((NotifyTarget.Command) target, json, deadline);
    }

    private String post(URI url, byte[] json, long deadline) {
        HttpPost request = new HttpPost(url);
        request.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> abort = deadlines.schedule(() -> {
            timedOut.set(true);
            request.cancel();
        }, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        try {
            int status = http.execute(request, response -> response.getCode());
            return status / 100 == 2 ? null : "HTTP " + status + (status / 100 == 3 ? " (redirects are not followed)" : "");
        } catch (IOException | RuntimeException e) {
            return timedOut.get() ? "no answer within the " + seconds(timeout) + " timeout" : describe(e);
        } finally {
            abort.cancel(false);
        }
    }

    private String run(NotifyTarget.Command command, byte[] json, long deadline) throws InterruptedException {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("backpack-batch-notify", ".out");
            ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true).redirectOutput(output.toFile());
            withoutSecrets(builder.environment());
            process = builder.start();
            Process started = process;
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> kill = deadlines.schedule(() -> {
                timedOut.set(true);
                kill(started);
            }, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            try {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(json);
                } catch (IOException notRead) {
                    // the command may end without reading its input
                }
                int status = process.waitFor();
                if (timedOut.get()) {
                    return "did not end within the " + seconds(timeout) + " timeout and was stopped";
                }
                return status == 0 ? null : "exited with status " + status + lastLine(output);
            } finally {
                kill.cancel(false);
            }
        } catch (IOException e) {
            return "cannot run it: " + describe(e);
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary file, in the temporary folder
                }
            }
        }
    }

    /** Drops every variable that holds a loaded token (one may come from the environment): a command gets none. */
    static void withoutSecrets(Map<String, String> environment) {
        environment.entrySet().removeIf(variable -> Secrets.leaksIn(variable.getValue()));
    }

    private static void kill(Process process) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** ": " and the last line the command wrote, or nothing when it wrote none. */
    private static String lastLine(Path output) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(output)) {
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(channel.size(), OUTPUT_TAIL_BYTES));
            channel.position(channel.size() - tail.capacity());
            while (tail.hasRemaining() && channel.read(tail) > 0) {
                // reads until the tail is full
            }
            return new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).reduce((earlier, later) -> later)
                    .map(line -> ": " + Secrets.scrub(line)).orElse("");
        }
    }

    /** What the notification is about, e.g. {@code backup 'nightly' (failure)}. */
    private static String event(RunSummary summary) {
        return Secrets.scrub(summary.operation().name().toLowerCase(Locale.ROOT) + " '" + summary.job() + "' ("
                + RunSummaryJson.status(summary.outcome()) + ")");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return Secrets.scrub(e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.lines().findFirst().orElse("")));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops what is still being delivered; a daemon closes this when it stops. */
    @Override
    public void close() {
        deliveries.shutdownNow();
        deadlines.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }
}
