package org.backpackbatch.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.backpackbatch.api.Secrets;

/** {@code %scrubbedException}: stack traces in logs, with every loaded token masked. */
public final class ScrubbedThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Secrets.scrub(super.convert(event));
    }
}
