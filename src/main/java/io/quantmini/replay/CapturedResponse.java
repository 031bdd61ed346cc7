package io.quantmini.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One recorded response: the status and the file holding the body. The body is read when served,
 * so a large landing folder costs no memory; if a SHA-256 was recorded, the file is checked against
 * it the first time it is served.
 */
final class CapturedResponse {

    private final Path file;
    private final int status;
    private final String sha256;
    private final String receivedAt;
    private volatile boolean verified;

    CapturedResponse(Path file, int status, String sha256, String receivedAt) {
        this.file = file;
        this.status = status;
        this.sha256 = normalise(sha256);
        this.receivedAt = receivedAt == null ? "" : receivedAt;
        this.verified = this.sha256 == null;
    }

    Path file() {
        return file;
    }

    String receivedAt() {
        return receivedAt;
    }

    ReplayResponse serve(String baseUrl) {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read captured response " + file, e);
        }
        if (!verified) {
            String actual = sha256Hex(body);
            if (!actual.equals(sha256)) {
                throw new IllegalStateException(file + " has SHA-256 " + actual + " but its index says " + sha256);
            }
            verified = true;
        }
        return ReplayResponse.json(status, NextUrlRewriter.rewrite(body, baseUrl));
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
