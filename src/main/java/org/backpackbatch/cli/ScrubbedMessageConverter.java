package org.backpackbatch.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.backpackbatch.api.Secrets;

/** {@code %scrubbedMessage}: the log message with every loaded token masked, whichever library logged it. */
public final class ScrubbedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Secrets.scrub(super.convert(event));
    }
}
