package io.quantmini.ingest;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A run's planned tasks as its split takes them, one at a time: once the run has stopped (a signal, a refused key),
 * the split is handed no more, and the tasks left count as not started at once. Handed a list, the split walked every
 * day left through the route, each failing on its own: ~5 s after a signal on a 36-year range (8,800 days).
 * The split must be {@code streaming} (routes/stocks_daily.camel.yaml): one that is not takes every task up front
 * (start-up warns of it: app/PlannedSplitStreaming).
 */
public final class PlannedTasks implements Iterable<DayTask> {

    private final IngestRun run;
    private final List<DayTask> tasks;

    PlannedTasks(IngestRun run, List<DayTask> tasks) {
        this.run = run;
        this.tasks = List.copyOf(tasks);
    }

    @Override
    public Iterator<DayTask> iterator() {
        return new Iterator<>() {
            private int next;
            /** hasNext() said yes: next() hands the task out even if the run has stopped since. */
            private boolean promised;

            @Override
            public synchronized boolean hasNext() {
                // a yes holds until next(): Camel's split asks after taking a task and again before taking the next,
                // and a no the second time would end the split before the days in flight are counted
                if (!promised && next < tasks.size() && run.abortReason() != null) {
                    run.notStarted(tasks.subList(next, tasks.size()));
                    next = tasks.size();
                }
                promised = next < tasks.size();
                return promised;
            }

            @Override
            public synchronized DayTask next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                promised = false;
                return tasks.get(next++);
            }
        };
    }

    /** For Camel's logs (a dump of the in-flight exchanges at shutdown): not thousands of tasks on one line. */
    @Override
    public String toString() {
        return tasks.size() + " tasks";
    }
}
