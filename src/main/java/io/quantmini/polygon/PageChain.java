package io.quantmini.polygon;

import io.quantmini.landing.LandingPage;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The pages of one request, followed through {@code next_url} until Polygon stops sending one.
 * Lives in an exchange property while the chain is fetched; pages arrive one at a time, in order.
 */
public final class PageChain {

    public static final String PROPERTY = "quantminiPageChain";

    private final String dataset;
    private final LocalDate date;
    private final List<LandingPage> pages = new ArrayList<>();
    private URI next;

    public PageChain(String dataset, LocalDate date, URI first) {
        this.dataset = dataset;
        this.date = date;
        this.next = first;
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

    public void accept(LandingPage page, URI nextPage) {
        pages.add(page);
        next = nextPage;
    }

    public List<LandingPage> pages() {
        return List.copyOf(pages);
    }
}
