package io.quantmini.polygon;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.quantmini.config.ApiKey;

/** A logged exception's stack trace with the API key masked, as {@link MaskedMessage} masks the message. */
public final class MaskedThrowable extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return ApiKey.maskAll(super.throwableProxyToString(throwable));
    }
}
