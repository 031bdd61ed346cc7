package io.quantmini.polygon;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.quantmini.config.ApiKey;
import io.quantmini.text.Printable;

/**
 * A log line's message with the API key masked ({@link ApiKey#maskAll}), whoever wrote it: Camel's exchange dumps
 * and URL traces, or a message a server echoed the key into; and on one line ({@link Printable#oneLine}), whatever a
 * record or a server put in it. Used by {@code logback.xml} as {@code %maskedMsg}.
 */
public final class MaskedMessage extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Printable.oneLine(ApiKey.maskAll(super.convert(event)));
    }
}
