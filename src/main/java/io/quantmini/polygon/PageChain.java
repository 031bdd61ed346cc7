package io.quantmini.polygon;

import io.quantmini.landing.LandingStore;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    /**
     * Pages read but not yet landed: a chain fetching a day again ({@link #refetches}) lands its pages only
     * once it has all of them, so that a chain failing half-way leaves the day's earlier capture whole (the one its
     * bronze file was read from) instead of a mix of old and new pages.
     */
    private List<LandingStore.StagedPage> held;

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

    /** The landing request id a page's {@code next_url} would land under, or null when it names no page to fetch. */
    static String landingIdOf(String nextUrl) {
        if (nextUrl == null || nextUrl.isBlank()) {
            return null;
        }
        try {
            return landingId(PolygonUrls.withoutKey(URI.create(nextUrl.strip())));
        } catch (IllegalArgumentException notAUrl) {
            return null; // the chain fails on it: see PolygonResponseHandler#nextPage
        }
    }

    public int pageCount() {
        return pageCount;
    }

    /**
     * Whether this chain fetches its day again: its first page replaces a capture of the same request, or it already
     * holds pages for that reason.
     */
    public boolean refetches(LandingStore.StagedPage page) {
        return held != null || pageCount == 0 && page.replacesCapture();
    }

    /**
     * Holds a page read from a chain that {@link #refetches}, instead of its landing now; false for any other chain.
     */
    public boolean hold(LandingStore.StagedPage page) {
        if (!refetches(page)) {
            return false;
        }
        if (held == null) {
            held = new ArrayList<>();
        }
        held.add(page);
        return true;
    }

    /** The pages held so far, in the order they arrived; the chain holds none after this. */
    public List<LandingStore.StagedPage> takeHeldPages() {
        if (held == null) {
            return List.of();
        }
        List<LandingStore.StagedPage> pages = held;
        held = new ArrayList<>();
        return pages;
    }
}
