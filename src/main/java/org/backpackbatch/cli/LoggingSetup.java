package org.backpackbatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The program's logging, set up in code (found by logback through its service file): every line
 * on stderr through the scrubbing converters, so that no token reaches a log, at the level
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
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("scrubbedMessage", ScrubbedMessageConverter::new);
        layout.getInstanceConverterMap().put("scrubbedException", ScrubbedThrowableConverter::new);
        layout.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %scrubbedMessage%n%scrubbedException");
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
}
