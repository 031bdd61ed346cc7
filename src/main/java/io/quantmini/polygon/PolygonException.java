package io.quantmini.polygon;

/**
 * Polygon answered, but not with data. {@link #retryable()} tells whether asking again can help
 * (429, 5xx, an incomplete body) or not (any other 4xx: a bad request, NOT_AUTHORIZED, ...).
 */
public class PolygonException extends RuntimeException {

    private final int status;
    private final boolean retryable;
    private final long retryAfterMillis;

    public PolygonException(String message, int status, boolean retryable, long retryAfterMillis) {
        super(message);
        this.status = status;
        this.retryable = retryable;
        this.retryAfterMillis = retryAfterMillis;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The wait Polygon asked for in {@code Retry-After}, or -1 when it did not say. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    /** 401 and 403: every further request of this run would fail the same way. */
    public boolean deniesAccess() {
        return status == 401 || status == 403;
    }
}
