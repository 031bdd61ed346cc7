package io.quantmini.landing;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One Polygon response body as it was stored in landing: the bytes exactly as received, the landing
 * file holding them, the id naming that response in the landing index, and when it arrived (null where a page is
 * made up, as in benchmarks): Polygon's adjusted bars are adjusted for the splits known at that moment.
 */
public record LandingPage(String requestId, Path file, byte[] body, Instant receivedAt) {

    /**
     * The header in which a replay server ({@code quantmini replay serve --dir}) sends when the capture it serves was
     * received; a client on a loopback address lands the page with that time, as the captured lake did.
     */
    public static final String RECEIVED_AT_HEADER = "X-QuantMini-Received-At";


    /** A page without a known arrival time. */
    public LandingPage(String requestId, Path file, byte[] body) {
        this(requestId, file, body, null);
    }
}
