package io.quantmini.polygon;

/**
 * Polygon answered, but not with data. {@link #retryable()} tells whether asking again can help
 * (429, 408, 5xx, an incomplete body) or not (any other 4xx: a bad request, NOT_AUTHORIZED, ...).
 */
public class PolygonException extends RuntimeException {

    private final int status;
    private final boolean retryable;
    private final long retryAfterMillis;
    private final boolean deniesAccess;

    public PolygonException(String message, int status, boolean retryable, long retryAfterMillis) {
        this(message, status, retryable, retryAfterMillis, status == 401 || status == 403);
    }

    /**
     * @param deniesAccess whether every further request of the run would be refused alike (see {@link #deniesAccess})
     */
    public PolygonException(String message, int status, boolean retryable, long retryAfterMillis,
                            boolean deniesAccess) {
        super(message);
        this.status = status;
        this.retryable = retryable;
        this.retryAfterMillis = retryAfterMillis;
        this.deniesAccess = deniesAccess;
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

    /**
     * 401 and 403, or a 200 whose Polygon status is {@code NOT_AUTHORIZED}: every further request of this run would
     * fail the same way.
     */
    public boolean deniesAccess() {
        return deniesAccess;
    }
}
