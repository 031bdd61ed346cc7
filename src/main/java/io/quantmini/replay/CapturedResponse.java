package io.quantmini.replay;

import io.quantmini.landing.LandingPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * One recorded response: the status and the file holding the body. The body is read when served,
 * so a large landing folder costs no memory; if a SHA-256 was recorded, the file is checked against
 * it when the index is read ({@link #verify}), or when first served if it was not verified then.
 */
final class CapturedResponse {

    private final Path file;
    private final int status;
    private final String sha256;
    private final Instant receivedAt;
    /** Headers the answer is served with again (a failed answer's {@code Retry-After}, say). */
    private final Map<String, String> headers;
    private volatile boolean verified;

    CapturedResponse(Path file, int status, String sha256, Instant receivedAt) {
        this(file, status, sha256, receivedAt, Map.of());
    }

    CapturedResponse(Path file, int status, String sha256, Instant receivedAt, Map<String, String> headers) {
        this.file = file;
        this.status = status;
        this.sha256 = normalise(sha256);
        this.receivedAt = receivedAt;
        this.headers = Map.copyOf(headers);
        this.verified = this.sha256 == null;
    }

    Path file() {
        return file;
    }

    Instant receivedAt() {
        return receivedAt;
    }

    /** Checks the body against its recorded SHA-256 (once); a mismatch names the file and both digests. */
    void verify() {
        if (!verified) {
            check(read());
        }
    }

    ReplayResponse serve(String baseUrl) {
        byte[] body = read();
        if (!verified) { // not verified when the index was read
            check(body);
        }
        ReplayResponse response = ReplayResponse.json(status, NextUrlRewriter.rewrite(body, baseUrl));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        // when the capture was received: a lake ingested from the replay judges its bars against splits as the
        // captured lake did (bars fetched before a split's report are stale, and patched from the captured pages)
        return receivedAt == null ? response : response.withHeader(LandingPage.RECEIVED_AT_HEADER,
                receivedAt.toString());
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read captured response " + file, e);
        }
    }

    private void check(byte[] body) {
        String actual = sha256Hex(body);
        if (!actual.equals(sha256)) {
            throw new IllegalStateException(file + " has SHA-256 " + actual + " but its index says " + sha256);
        }
        verified = true;
    }

    private static String normalise(String sha256) {
        if (sha256 == null || sha256.isBlank()) {
            return null;
        }
        String hex = sha256.strip().toLowerCase();
        return hex.startsWith("sha256:") ? hex.substring("sha256:".length()) : hex;
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
