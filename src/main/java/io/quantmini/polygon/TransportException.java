package io.quantmini.polygon;

import java.io.IOException;

/**
 * The connection to Polygon failed (a malformed header, a reset, a timeout), described with the request it broke
 * and without the API key. An {@link IOException}, so it is retried like any dropped connection; it has no cause
 * on purpose: the client's own exception quotes the server as received.
 */
public final class TransportException extends IOException {

    TransportException(String message) {
        super(message);
    }
}
