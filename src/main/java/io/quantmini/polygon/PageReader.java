package io.quantmini.polygon;

import io.quantmini.landing.LandingPage;

import java.io.IOException;

/**
 * Reads each page of a chain once it is on disk in landing: the page's records go wherever the reader keeps
 * them (bronze decodes them into the day's rows), and the top-level fields come back for the fetcher. One
 * reader per chain, one page at a time, in chain order.
 */
public interface PageReader {

    /**
     * Reads a page's records and top-level fields.
     *
     * @throws IOException         when the body is not one complete JSON object (a truncated or garbled transfer,
     *                             worth fetching again); nothing of the page is kept
     * @throws PageShapeException when the body is complete JSON of a shape its dataset does not expect
     */
    PageHeader read(LandingPage page) throws IOException;

    /** Forgets the page last read (Polygon's status said it carries no data). */
    void dropLastPage();

    /**
     * Whether the pages read so far hold no record where the dataset has records on every trading day: a day
     * fetched again that answers so keeps its earlier capture, as its bronze file stays.
     */
    default boolean missingRecords() {
        return false;
    }
}
