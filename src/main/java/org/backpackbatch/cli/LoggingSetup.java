package org.backpackbatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.backpackbatch.api.Secrets;

/**
 * The program's logging, set up in code (found by logback through its service file): every line
 * on stderr through {@link ScrubbedLines}, so that no token reaches a log, at the level
 * {@code BACKPACK_LOG_LEVEL} names (default INFO). In code rather than logback.xml: reading the XML
 * costs each command a few hundred milliseconds of start-up.
 */
public final class LoggingSetup extends ContextAwareBase implements Configurator {

    /** Loggers that stay quieter than the rest, and why. */
    private static final Map<String, Level> QUIET = Map.of(
            // request bodies carry the token: the HTTP client's wire and header logs stay off
            "org.apache.hc", Level.WARN,
            "org.springframework", Level.WARN,
            // a failed step reaches the command, which reports it in one line (its stack trace with --verbose)
            "org.springframework.batch.core.step", Level.OFF,
            "org.springframework.transaction.support.TransactionTemplate", Level.OFF,
            "org.flywaydb", Level.WARN,
            "org.quartz", Level.WARN,
            "com.zaxxer.hikari", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ScrubbedLines layout = new ScrubbedLines();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv().getOrDefault("BACKPACK_LOG_LEVEL", "INFO"), Level.INFO));
        root.addAppender(stderr);
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * A log line, as the pattern {@code %d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n%ex} would
     * write it, with every loaded token masked, whichever library logged it. Written out rather than
     * as a PatternLayout: parsing a pattern and loading logback's converters for it cost each run
     * about 0.05 s of start-up.
     */
    static final class ScrubbedLines extends LayoutBase<ILoggingEvent> {

        @Override
        public String doLayout(ILoggingEvent event) {
            LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneId.systemDefault());
            String level = event.getLevel().toString();
            String logger = event.getLoggerName();
            StringBuilder line = new StringBuilder(128);
            digits(line, time.getHour(), 2).append(':');
            digits(line, time.getMinute(), 2).append(':');
            digits(line, time.getSecond(), 2).append('.');
            digits(line, time.getNano() / 1_000_000, 3).append(' ').append(level).append(" ".repeat(Math.max(0, 5 - level.length())))
                    .append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length())
                    .append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            if (event.getThrowableProxy() != null) {
                line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
            }
            return Secrets.scrub(line.toString());
        }

        private static StringBuilder digits(StringBuilder line, int value, int width) {
            String text = Integer.toString(value);
            return line.append("0".repeat(Math.max(0, width - text.length()))).append(text);
        }
    }
}
