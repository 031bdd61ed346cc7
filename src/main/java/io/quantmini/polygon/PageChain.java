package io.quantmini.polygon;

import java.net.URI;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

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
    /** Every page asked for so far: a {@code next_url} back to one of them would loop for ever. */
    private final Set<URI> requested = new HashSet<>();

    public PageChain(String dataset, LocalDate date, URI first, PageReader reader) {
        this.dataset = dataset;
        this.date = date;
        this.next = first;
        this.reader = reader;
        requested.add(first);
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
        if (nextPage != null) {
            requested.add(nextPage);
        }
    }

    /** Whether {@code page} was already asked for in this chain. */
    public boolean requested(URI page) {
        return requested.contains(page);
    }

    public int pageCount() {
        return pageCount;
    }
}
