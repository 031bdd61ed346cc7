package io.quantmini.bronze;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What one {@link BronzeDayWriter#write} did.
 *
 * @param rows    good rows of the day (those in the Parquet file)
 * @param rejects records written to the day's rejects file
 * @param file    the Parquet file, or null when no row was good (nothing written)
 * @param changed false when the day was fetched again and its file already held what the answer holds: the file was
 *                left as it was, so the later stages have nothing to redo for it
 */
public record BronzeDayResult(LocalDate date, long rows, long rejects, Path file, boolean changed) {

    /** A day whose file was written, or (with a null file) that has none: changed either way for the run's tally. */
    public BronzeDayResult(LocalDate date, long rows, long rejects, Path file) {
        this(date, rows, rejects, file, true);
    }
}
