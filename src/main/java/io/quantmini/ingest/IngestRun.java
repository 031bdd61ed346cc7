package io.quantmini.ingest;

import io.quantmini.polygon.FetchRun;
import io.quantmini.text.Plural;

import io.quantmini.bronze.BronzeDayResult;
import io.quantmini.bronze.TickerBarsPatch;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running tally of one ingest: what was planned, skipped, written and failed, and how many requests
 * and retries it took. Shared by every exchange of the run (an exchange property), so it is thread-safe.
 */
public final class IngestRun implements FetchRun {

    /** Failed dates a summary names after the first, whose reason it gives. */
    static final int DATES_NAMED = 20;

    private final IngestRequest request;
    private final long startedNanos = System.nanoTime();
    private final AtomicInteger planned = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong rejects = new AtomicLong();
    private final AtomicLong landedBytes = new AtomicLong();
    private final AtomicLong bronzeNanos = new AtomicLong();
    private final Map<LocalDate, BronzeDayResult> written = new ConcurrentSkipListMap<>();
    private final Map<LocalDate, String> failures = new ConcurrentSkipListMap<>();
    /** Days whose bronze file already held the answer's rows: the file stayed as it was. */
    private final Set<LocalDate> unchanged = ConcurrentHashMap.newKeySet();
    /** Days the answer had no records for: no file was written. */
    private final Set<LocalDate> empty = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> notices = new ConcurrentHashMap<>();
    private final List<TickerBarsPatch.TickerBars> tickerBars = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> abortReason = new AtomicReference<>();
    /** A failure of the run that is not a day's, after which the days still went on (e.g. the split check). */
    private final AtomicReference<String> problem = new AtomicReference<>();
    private volatile java.nio.file.Path handoff;
    /** The split check's answer for every day up to the run's end, when the schedule made it before the run. */
    private volatile NavigableMap<LocalDate, Set<String>> staleDays;

    public IngestRun(IngestRequest request) {
        this.request = request;
    }

    /**
     * Records that {@code what} was noticed, returning whether it is the first time in this run: for a warning worth
     * one line per run rather than one per day.
     */
    public boolean firstNotice(String what) {
        return notices(what) == 1;
    }

    /** Records that {@code what} was noticed, returning how many times it has been in this run, this one included. */
    @Override
    public int notices(String what) {
        return notices.computeIfAbsent(what, w -> new AtomicInteger()).incrementAndGet();
    }

    public IngestRequest request() {
        return request;
    }

    public void planned(int days, int skippedDays) {
        planned.set(days);
        skipped.set(skippedDays);
    }

    public void countRequest() {
        requests.incrementAndGet();
    }

    public void countRetry() {
        retries.incrementAndGet();
    }

    public void countLandedBytes(long bytes) {
        landedBytes.addAndGet(bytes);
    }

    public void countBronzeNanos(long nanos) {
        bronzeNanos.addAndGet(nanos);
    }

    /** Time spent decoding, validating and writing Parquet, summed over the days (they run in parallel). */
    public Duration bronzeTime() {
        return Duration.ofNanos(bronzeNanos.get());
    }

    public void dayDone(BronzeDayResult result) {
        rows.addAndGet(result.rows());
        rejects.addAndGet(result.rejects());
        if (result.file() == null) {
            empty.add(result.date());
        } else if (result.changed()) {
            written.put(result.date(), result);
        } else {
            unchanged.add(result.date());
        }
    }

    /** A ticker's fetched bars, to be put into the run's days once every request of the run is done. */
    public void addTickerBars(TickerBarsPatch.TickerBars bars) {
        tickerBars.add(bars);
    }

    public List<TickerBarsPatch.TickerBars> tickerBars() {
        return List.copyOf(tickerBars);
    }

    /** A task failed: its day, or each of the days a ticker's task patches. */
    void taskFailed(DayTask task, String reason) {
        if (task.patchDays().isEmpty()) {
            dayFailed(task.date(), reason);
        } else {
            daysFailed(task.patchDays(), reason);
        }
    }

    /** Tasks a stop left unrequested: their days count as not started. */
    void notStarted(List<DayTask> tasks) {
        String reason = notStartedReason();
        tasks.forEach(task -> taskFailed(task, reason));
    }

    public void dayFailed(LocalDate date, String reason) {
        failures.put(date, reason);
    }

    /**
     * Days a request covering several of them failed on (a ticker's bars over the days a split made stale): each of
     * them failed, even one that other tickers' bars then rewrote, since it still holds this ticker's stale bars.
     */
    public void daysFailed(java.util.Collection<LocalDate> dates, String reason) {
        dates.forEach(date -> failures.putIfAbsent(date, reason));
    }

    /**
     * The days up to the run's end that a split made stale ({@link SplitBasis}), as the schedule found them when it
     * chose the run's window: the planner takes them instead of reading the same days again.
     */
    void staleDaysChecked(NavigableMap<LocalDate, Set<String>> stale) {
        staleDays = stale;
    }

    Optional<NavigableMap<LocalDate, Set<String>>> checkedStaleDays() {
        return Optional.ofNullable(staleDays);
    }

    /** Records a failure that fails the run without stopping its days. */
    public void problem(String reason) {
        problem.compareAndSet(null, reason); // the first reason stays: many fetch threads may call at once
    }

    /** Stops the remaining requests of this run, e.g. after Polygon refused the key. */
    public void abort(String reason) {
        abortReason.compareAndSet(null, reason); // the first reason stays: days already failed carry it
    }

    /** The silver handoff file this run left, if it changed any day. */
    public void handedOff(java.nio.file.Path file) {
        handoff = file;
    }

    public java.nio.file.Path handoff() {
        return handoff;
    }

    public String abortReason() {
        return abortReason.get();
    }

    public boolean failed() {
        return !failures.isEmpty() || abortReason.get() != null || problem.get() != null;
    }

    public int plannedDays() {
        return planned.get();
    }

    public int skippedDays() {
        return skipped.get();
    }

    /**
     * Days fetched again whose bronze file already held the answer's rows, and stayed as it was. Like
     * {@link #writtenDays}, {@link #emptyDays} and {@link #failedDays}, a day is counted under one of them only: the
     * first of failed, written, unchanged, empty that it is.
     */
    public int unchangedDays() {
        return (int) unchanged.stream().filter(day -> !failures.containsKey(day) && !written.containsKey(day)).count();
    }

    /** Days whose bronze file this run wrote and which did not fail. */
    public int writtenDays() {
        return (int) written.keySet().stream().filter(day -> !failures.containsKey(day)).count();
    }

    /** Trading days Polygon answered with no records: for bars, no file (a closure the calendar does not know). */
    public int emptyDays() {
        return (int) empty.stream().filter(day -> !failures.containsKey(day) && !written.containsKey(day)
                && !unchanged.contains(day)).count();
    }

    /** Days requested that failed; the days a stop left unrequested are not among them ({@link #notStartedDays}). */
    public int failedDays() {
        return failures.size() - notStartedDays();
    }

    /** Days done: written, unchanged, empty or failed, the days a stop left unrequested among them. */
    public int completedDays() {
        return writtenDays() + unchangedDays() + emptyDays() + failures.size();
    }

    /**
     * Days requested that are done (written, unchanged, empty or failed): {@link #completedDays} less the days a stop
     * left unrequested, counted so that it never goes down while days complete. Subtracting one count from the
     * other read them at two moments, and a stop recording the days it left in between made a progress line high.
     */
    public int requestedDaysDone() {
        // the failures before the stop's reason: a day among them failed as not started once the reason was set
        List<Map.Entry<LocalDate, String>> failed = List.copyOf(failures.entrySet());
        String stop = abortReason.get();
        String notStarted = stop == null ? null : notStartedReason();
        Set<LocalDate> done = new java.util.HashSet<>(written.keySet());
        done.addAll(unchanged);
        done.addAll(empty);
        failed.stream().filter(day -> !day.getValue().equals(notStarted)).forEach(day -> done.add(day.getKey()));
        return done.size();
    }

    /** Days a stop left unrequested (failed with {@link #notStartedReason}). */
    public int notStartedDays() {
        return abortReason.get() == null ? 0 : (int) notStartedAmong(failures);
    }

    /** How many of these failed days a stop left unrequested; only asked once the run has stopped. */
    private long notStartedAmong(Map<LocalDate, String> failed) {
        String notStarted = notStartedReason();
        return failed.values().stream().filter(notStarted::equals).count();
    }

    public long requests() {
        return requests.get();
    }

    public long retries() {
        return retries.get();
    }

    public long rows() {
        return rows.get();
    }

    public long rejects() {
        return rejects.get();
    }

    public long landedBytes() {
        return landedBytes.get();
    }

    /** The days whose bronze file this run wrote: what it hands to silver. */
    public Map<LocalDate, BronzeDayResult> written() {
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(written));
    }

    public Map<LocalDate, String> failures() {
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(failures));
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * The one-line reason a failed run reports: what stopped the run, if something did (a refused key, a signal), with
     * how many days it left unrequested; then the first day that failed otherwise, and how many more did.
     */
    public String failureSummary() {
        List<String> parts = new ArrayList<>();
        String stoppedBy = abortReason.get();
        String notStarted = stoppedBy == null ? null : notStartedReason();
        Map<LocalDate, String> failed = new java.util.TreeMap<>(failures);
        if (stoppedBy != null) {
            long unrequested = notStartedAmong(failed);
            failed.values().removeIf(notStarted::equals);
            // days the stop caught waiting to send a request fail with its reason again: named, not repeated
            String waitingReason = io.quantmini.polygon.PolygonRoutes.stoppedWhileWaiting(stoppedBy);
            List<LocalDate> waiting = failed.entrySet().stream().filter(day -> day.getValue().equals(waitingReason))
                    .map(Map.Entry::getKey).toList();
            failed.keySet().removeAll(waiting);
            LocalDate causedBy = failed.entrySet().stream().filter(day -> day.getValue().equals(stoppedBy))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (causedBy != null) {
                failed.remove(causedBy);
            }
            List<String> left = new ArrayList<>();
            if (unrequested > 0) {
                left.add(Plural.of(unrequested, "day") + " not started");
            }
            if (!waiting.isEmpty()) {
                left.add(Plural.of(waiting.size(), "day") + " stopped while waiting to send a request: "
                        + namedDates(waiting));
            }
            parts.add("run stopped" + (causedBy == null ? "" : " at " + request.dataset() + " " + causedBy) + ": "
                    + stoppedBy + (left.isEmpty() ? "" : " (" + String.join("; ", left) + ")"));
        }
        if (!failed.isEmpty()) {
            Map.Entry<LocalDate, String> first = failed.entrySet().iterator().next();
            int others = failed.size() - 1;
            parts.add(request.dataset() + " " + first.getKey() + ": " + first.getValue()
                    + (others > 0 ? " (and " + others + " more failed " + (others == 1 ? "date" : "dates") + ": "
                    + namedDates(failed.keySet().stream().skip(1).toList()) + ")" : ""));
        }
        if (problem.get() != null) {
            parts.add(problem.get());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Dates as a list for a summary line: the first {@link #DATES_NAMED}, then how many more. */
    private static String namedDates(List<LocalDate> dates) {
        String named = dates.stream().limit(DATES_NAMED).map(LocalDate::toString)
                .collect(java.util.stream.Collectors.joining(", "));
        return dates.size() > DATES_NAMED ? named + ", and " + (dates.size() - DATES_NAMED) + " more" : named;
    }

    /** What a day that was not requested because the run had stopped fails with. */
    public String notStartedReason() {
        return "run stopped: " + abortReason.get();
    }
}
