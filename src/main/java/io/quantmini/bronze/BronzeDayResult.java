package io.quantmini.bronze;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What one {@link BronzeDayWriter#write} did.
 *
 * @param rows    rows written to the Parquet file
 * @param rejects records written to the day's rejects file
 * @param file    the Parquet file, or null when no row was good (nothing written)
 */
public record BronzeDayResult(LocalDate date, long rows, long rejects, Path file) {
}
