package io.quantmini.landing;

import java.nio.file.Path;

/**
 * One Polygon response body as it was stored in landing: the bytes exactly as received, the landing
 * file holding them and the id naming that response in the landing index.
 */
public record LandingPage(String requestId, Path file, byte[] body) {
}
