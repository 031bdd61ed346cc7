package io.quantmini.polygon;

/**
 * The run a fetch belongs to, as the fetcher sees it (the exchange property {@link #PROPERTY}): it counts the
 * requests, retries and landed bytes, and stops every later request once a refusal or a stop has aborted it.
 */
public interface FetchRun {

    String PROPERTY = "quantminiRun";

    void countRequest();

    void countRetry();

    void countLandedBytes(long bytes);

    /** Stops the run's requests not yet sent; the first reason is kept. */
    void abort(String reason);

    /** Why the run was aborted, or null while it goes on. */
    String abortReason();

    /** What a day that was not requested because the run had stopped fails with. */
    String notStartedReason();

    /** Records that {@code what} was noticed, returning how many times it has been in this run, this one included. */
    int notices(String what);
}
