package io.quantmini.bronze;

/**
 * One bronze column: its name, where its value comes from (a field of the source record, or something the request
 * or the record implies), its type, and what happens when the source has no value.
 *
 * @param sourceField  JSON field in each record, or null when the value does not come from a field
 * @param required     absent/null value rejects the record
 * @param defaultValue used when the value is absent (already typed: Boolean, Double, Long, String); the
 *                     column is then never null
 * @param emptyIsAbsent {@code empty: absent}: an empty or blank string in the field is read as an absent value
 */
public record ColumnSpec(String name, String sourceField, Source source, ColumnType type,
                         boolean required, Object defaultValue, boolean emptyIsAbsent) {

    /** A column that reads an empty string as a value of its type, as every column does unless it says otherwise. */
    public ColumnSpec(String name, String sourceField, Source source, ColumnType type, boolean required,
                      Object defaultValue) {
        this(name, sourceField, source, type, required, defaultValue, false);
    }

    /** Where a column's value comes from ({@code field:} or {@code from:} in the schema file). */
    public enum Source {
        /** The record's JSON field {@code sourceField}. */
        FIELD,
        /** {@code from: request_date}: the trading date the request asked for (grouped responses carry none). */
        REQUEST_DATE,
        /**
         * {@code from: request_ticker}: the ticker the request asked for (per-ticker responses carry none per record).
         */
        REQUEST_TICKER,
        /** {@code from: timestamp_date}: the New York date of the record's timestamp_millis column (a bar's start). */
        TIMESTAMP_DATE
    }

    /** Whether the value comes from the request date. */
    public boolean fromRequestDate() {
        return source == Source.REQUEST_DATE;
    }

    /** Whether a written value can be null (Parquet OPTIONAL). */
    public boolean nullable() {
        return !required && defaultValue == null && source == Source.FIELD;
    }
}
