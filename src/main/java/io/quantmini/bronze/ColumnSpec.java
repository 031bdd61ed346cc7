package io.quantmini.bronze;

/**
 * One bronze column: its name, where its value comes from (a field of the source record, or the
 * request's date), its type, and what happens when the source has no value.
 *
 * @param sourceField  JSON field in each record, or null when {@code fromRequestDate}
 * @param required     absent/null value rejects the record
 * @param defaultValue used when the value is absent (already typed: Boolean, Double, Long, String); the
 *                     column is then never null
 */
public record ColumnSpec(String name, String sourceField, boolean fromRequestDate, ColumnType type,
                         boolean required, Object defaultValue) {

    /** Whether a written value can be null (Parquet OPTIONAL). */
    public boolean nullable() {
        return !required && defaultValue == null && !fromRequestDate;
    }
}
