package io.quantmini.polygon;

import io.quantmini.landing.LandingStore;

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
    /**
     * The landing request id of every page asked for so far: a {@code next_url} back to one of them would loop for
     * ever, or, written in another form ({@code ?a=1&} for {@code ?a=1}), replace that page's landing file.
     */
    private final Set<String> requested = new HashSet<>();

    public PageChain(String dataset, LocalDate date, URI first, PageReader reader) {
        this.dataset = dataset;
        this.date = date;
        this.next = first;
        this.reader = reader;
        requested.add(landingId(first));
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
            requested.add(landingId(nextPage));
        }
    }

    /** Whether {@code page} was already asked for in this chain. */
    public boolean requested(URI page) {
        return requested.contains(landingId(page));
    }

    private static String landingId(URI page) {
        return LandingStore.requestId(page.getRawPath(), PolygonUrls.queryWithoutKey(page));
    }

    public int pageCount() {
        return pageCount;
    }
}
