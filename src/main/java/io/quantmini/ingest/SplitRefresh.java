package io.quantmini.ingest;

import io.quantmini.bronze.DatasetSchema;
import io.quantmini.lake.LakeLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What an ingest does about the days a split made stale ({@link SplitBasis}): which they are, and, for an incremental
 * run, whether they are fetched again whole or patched from one per-ticker request per ticker (a run that is not
 * incremental fetches every day whole, replacing the stale ones' files).
 */
final class SplitRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(SplitRefresh.class);
    private static final String WHY = "they were fetched before a split of their ticker took effect (or was withdrawn),"
            + " and Polygon has adjusted those bars anew since";

    private final LakeLayout lake;
    private final ZoneId market;
    /** Each dataset's schema: {@code split_adjusted} and {@code ticker_bars} decide what a split makes a run do. */
    private final Function<String, DatasetSchema> schemas;

    SplitRefresh(LakeLayout lake, ZoneId market, Function<String, DatasetSchema> schemas) {
        this.lake = lake;
        this.market = market;
        this.schemas = schemas;
    }

    /** Days in {@code [from, to]} with a bronze file that a split made stale, each with the tickers concerned. */
    NavigableMap<LocalDate, Set<String>> staleDays(String dataset, LocalDate from, LocalDate to) throws IOException {
        return check(dataset).staleDays(from, to);
    }

    /** The split check of one plan of {@code dataset}, which may ask about more than one range. */
    Check check(String dataset) {
        return new Check(dataset);
    }

    /** Reads the splits once, when first needed, for every range it is asked about (a plan's days, those before). */
    final class Check {
        private final String dataset;
        private SplitBasis basis;

        private Check(String dataset) {
            this.dataset = dataset;
        }

        /** Days in {@code [from, to]} with a bronze file that a split made stale, each with the tickers concerned. */
        NavigableMap<LocalDate, Set<String>> staleDays(LocalDate from, LocalDate to) throws IOException {
            if (!schemas.apply(dataset).splitAdjusted()) {
                return new TreeMap<>();
            }
            if (basis == null) {
                basis = SplitBasis.of(lake, market);
            }
            return basis.staleDays(dataset, from, to);
        }
    }

    /**
     * For stale days, one request per ticker when that is fewer requests than one per day and the dataset has a
     * per-ticker endpoint ({@code ticker_bars}): a task of that dataset for each ticker, over its stale days
     * ({@link DayTask#tickerPatch}); none otherwise (the stale days are then fetched again whole). Logs which it chose.
     */
    List<DayTask> tickerPatches(String dataset, NavigableMap<LocalDate, Set<String>> stale) {
        if (stale.isEmpty()) {
            return List.of();
        }
        Map<String, NavigableSet<LocalDate>> daysByTicker = new TreeMap<>();
        stale.forEach((day, tickers) -> tickers.forEach(t -> daysByTicker.computeIfAbsent(t, k -> new TreeSet<>())
                .add(day)));
        String tickerBars = schemas.apply(dataset).tickerBars();
        if (tickerBars == null || daysByTicker.size() >= stale.size()) {
            LOG.info("{}: {} are fetched again: {}", dataset, SplitBasis.describe(stale), WHY);
            return List.of();
        }
        List<DayTask> patches = new ArrayList<>();
        daysByTicker.forEach((ticker, days) -> patches.add(DayTask.tickerPatch(tickerBars, ticker, days)));
        LOG.info("{}: {} are patched from {} per-ticker requests ({}): {}", dataset, SplitBasis.describe(stale),
                patches.size(), tickerBars, WHY);
        return patches;
    }
}
