package io.quantmini.polygon;

import java.net.URI;
import java.time.LocalDate;

/**
 * The pages of one request, followed through {@code next_url} until Polygon stops sending one.
 * Lives in an exchange property while the chain is fetched; pages arrive one at a time, in order, and each is
 * handed to the chain's {@link PageReader} as soon as it is in landing.
 */
public final class PageChain {

    public static final String PROPERTY = "quantminiPageChain";

    private final String dataset;
    private final LocalDate date;
    private final PageReader reader;
    private int pageCount;
    private URI next;

    public PageChain(String dataset, LocalDate date, URI first, PageReader reader) {
        this.dataset = dataset;
        this.date = date;
        this.next = first;
        this.reader = reader;
    }

    public PageReader reader() {
        return reader;
    }

    public String dataset() {
        return dataset;
    }

    public LocalDate date() {
        return date;
    }

    public URI next() {
        return next;
    }

    public boolean hasNext() {
        return next != null;
    }

    /** Records that a page landed and was read; {@code nextPage} is null at the end of the chain. */
    public void accept(URI nextPage) {
        pageCount++;
        next = nextPage;
    }

    public int pageCount() {
        return pageCount;
    }
}
