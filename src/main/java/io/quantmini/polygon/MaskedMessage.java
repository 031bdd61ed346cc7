package io.quantmini.polygon;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.quantmini.config.ApiKey;

/**
 * A log line's message with the API key masked ({@link ApiKey#maskAll}), whoever wrote it: Camel's exchange dumps
 * and URL traces, or a message a server echoed the key into. Used by {@code logback.xml} as {@code %maskedMsg}.
 */
public final class MaskedMessage extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return ApiKey.maskAll(super.convert(event));
    }
}
