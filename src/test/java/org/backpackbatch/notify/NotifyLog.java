package org.backpackbatch.notify;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/** What the notifier logs during one test, registered as an extension. */
final class NotifyLog implements BeforeEachCallback, AfterEachCallback {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        log.start();
        ((Logger) LoggerFactory.getLogger("notify")).addAppender(log);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ((Logger) LoggerFactory.getLogger("notify")).detachAppender(log);
    }

    /** The messages logged at {@code level}, in order. */
    List<String> lines(Level level) {
        return List.copyOf(log.list).stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
