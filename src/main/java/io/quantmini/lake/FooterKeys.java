package io.quantmini.lake;

/**
 * The lineage every day file of the lake records in its Parquet footer's key-value metadata, bronze and silver alike:
 * what it holds, where its rows came from, and which writer wrote it.
 */
public final class FooterKeys {

    public static final String DATASET = "quantmini.dataset";
    /** The day the file's rows are of ({@link DayFiles#requireOwnDay} checks it against the file's name). */
    public static final String DATE = "quantmini.date";
    public static final String REQUEST_IDS = "quantmini.source_request_ids";
    /** The files the rows were made from, relative to the data root ({@link LakeLayout#relativePath}). */
    public static final String SOURCE_FILES = "quantmini.source_files";
    public static final String ROW_COUNT = "quantmini.row_count";
    public static final String SCHEMA_VERSION = "quantmini.schema_version";
    public static final String WRITER_VERSION = "quantmini.writer_version";

    private FooterKeys() {
    }
}
