package io.quantmini.bronze;

import io.quantmini.config.ConfigException;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.LakeWriteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset as its schema file {@code config/datasets/<dataset>.yaml} describes it: where the records
 * sit in a response, the bronze columns, the record key and the validation rules. Immutable; loaded
 * once and shared.
 */
public final class DatasetSchema {

    /** The column the split check reads a day's tickers from. */
    public static final String TICKER = "ticker";

    private final String name;
    private final int version;
    private final String recordsField;
    private final List<ColumnSpec> columns;
    private final int[] keyColumns;
    private final List<RowRule> rowRules;
    private final boolean uniqueKey;
    private final RequestWindow requestWindow;
    private final boolean recordsEveryTradingDay;
    private final boolean splitAdjusted;
    private final String tickerBars;
    private final List<String> keepsDayColumns;
    private final Path source;

    DatasetSchema(String name, int version, String recordsField, List<ColumnSpec> columns, int[] keyColumns,
                  List<RowRule> rowRules, boolean uniqueKey, RequestWindow requestWindow,
                  boolean recordsEveryTradingDay, boolean splitAdjusted, String tickerBars,
                  List<String> keepsDayColumns, Path source) {
        this.name = name;
        this.version = version;
        this.recordsField = recordsField;
        this.columns = List.copyOf(columns);
        this.keyColumns = keyColumns.clone();
        this.rowRules = List.copyOf(rowRules);
        this.uniqueKey = uniqueKey;
        this.requestWindow = requestWindow;
        this.recordsEveryTradingDay = recordsEveryTradingDay;
        this.splitAdjusted = splitAdjusted;
        this.tickerBars = tickerBars;
        this.keepsDayColumns = List.copyOf(keepsDayColumns);
        this.source = source;
    }

    /** Which days a record may be dated ({@code in_request_window}, {@code expect_in_request_window}). */
    RequestWindow requestWindow() {
        return requestWindow;
    }

    /** Reads and checks a schema file; a bad file throws {@link ConfigException} naming the file and key. */
    public static DatasetSchema load(Path yamlFile) {
        return SchemaFile.parse(yamlFile);
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    /** The response's top-level field holding the array of records, e.g. {@code results}. */
    public String recordsField() {
        return recordsField;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    /** The columns the silver and gold stages read from every day file of a dataset of daily bars. */
    public static final List<String> DAILY_BAR_COLUMNS =
            List.of("ticker", "date", "open", "high", "low", "close", "volume", "vwap");

    /** The {@link #DAILY_BAR_COLUMNS} this schema lacks: none for a dataset of daily bars. */
    public List<String> missingDailyBarColumns() {
        List<String> names = columnNames();
        return DAILY_BAR_COLUMNS.stream().filter(c -> !names.contains(c)).toList();
    }

    /** Why {@code dataset} is not a dataset (no schema {@code <datasetsDir>/<dataset>.yaml}), or null. */
    public static String whyUnknown(Path datasetsDir, String dataset) {
        Path file = datasetsDir.resolve(dataset + ".yaml");
        if (!datasetsDir.normalize().equals(file.normalize().getParent()) || !Files.isRegularFile(file)) {
            return "unknown dataset '" + dataset + "': no schema " + file;
        }
        return null;
    }

    /**
     * Why {@code dataset} cannot feed the silver and gold stages, or null when it can: its schema
     * ({@code <datasetsDir>/<dataset>.yaml}) must have the {@link #DAILY_BAR_COLUMNS}, and the lake bronze data of it.
     * What {@code transform features} and {@code convert qlib} refuse, and what a handoff may not name: silver and
     * gold of another dataset (splits, say) would be garbage, and gold would replace the lake's one Qlib provider.
     *
     * @throws ConfigException when the schema file exists but is not a valid schema
     */
    public static String whyNotDailyBars(Path datasetsDir, LakeLayout lake, String dataset) {
        String unknown = whyUnknown(datasetsDir, dataset);
        if (unknown != null) {
            return unknown;
        }
        Path file = datasetsDir.resolve(dataset + ".yaml");
        List<String> missing = load(file).missingDailyBarColumns();
        if (!missing.isEmpty()) {
            return dataset + " is not a dataset of daily bars: its schema " + file + " has no "
                    + String.join(", ", missing) + (missing.size() > 1 ? " columns" : " column");
        }
        if (!Files.isDirectory(lake.bronzeDataset(dataset))) {
            return "no bronze data for " + dataset + " under " + lake.root();
        }
        boolean noDayFiles;
        try {
            noDayFiles = DayFiles.list(lake.bronzeDataset(dataset)).isEmpty();
        } catch (IOException e) {
            // bronze that cannot be listed (a month folder replaced by a file) is refused as one without days is
            return LakeWriteException.describe(e);
        }
        // A folder whose every day is gone is likelier a disk not mounted or a copy under way than a market without
        // days: building from it would delete every silver day and empty Qlib's provider.
        if (noDayFiles) {
            return "no bronze day files for " + dataset + " in " + lake.bronzeDataset(dataset)
                    + ": nothing to compute from, and silver and gold are left as they are (to empty them too, remove "
                    + lake.silverDataset(dataset) + " and " + lake.goldQlib() + ")";
        }
        return null;
    }

    /** The columns of the record key, in order; rows are sorted by it. Empty when the schema has none. */
    public List<String> key() {
        return java.util.Arrays.stream(keyColumns).mapToObj(i -> columns.get(i).name()).toList();
    }

    int[] keyColumnIndexes() {
        return keyColumns.clone();
    }

    List<RowRule> rowRules() {
        return rowRules;
    }

    /** Whether the {@code unique_key} rule is on: later records with an already seen key are rejected. */
    public boolean uniqueKey() {
        return uniqueKey;
    }

    /** Market-wide data that has records on every trading day (bars), so an empty day is worth a warning. */
    public boolean recordsEveryTradingDay() {
        return recordsEveryTradingDay;
    }

    /**
     * The records are Polygon's split-adjusted values as of the moment they were fetched, keyed by a {@link #TICKER}
     * column: an incremental ingest rebases a day once a later split of one of its tickers is in bronze (patched from
     * per-ticker bars, {@link #tickerBars}, or fetched again whole).
     */
    public boolean splitAdjusted() {
        return splitAdjusted;
    }

    /**
     * The dataset that fetches one ticker's records over a date range ({@code ticker_bars}), from which days a split
     * made stale for a few tickers are patched instead of fetched again whole; null when there is none.
     */
    public String tickerBars() {
        return tickerBars;
    }

    /**
     * The columns of a day's row that a patch from these (per-ticker) bars leaves as they are
     * ({@code keeps_day_columns}): a value that describes the day's own answer, not the bar, e.g. Polygon's
     * timestamp, which it sets at the session's close in a grouped answer and at midnight in a per-ticker one.
     */
    public List<String> keepsDayColumns() {
        return keepsDayColumns;
    }

    /**
     * How {@code other}'s columns differ from this schema's in name, type or order (rows decoded with one are written
     * with the other: {@code ticker_bars}), or null when they do not.
     */
    String columnsDifferFrom(DatasetSchema other) {
        for (int c = 0; c < Math.max(columns.size(), other.columns.size()); c++) {
            String mine = c < columns.size() ? describe(columns.get(c)) : "nothing";
            String theirs = c < other.columns.size() ? describe(other.columns.get(c)) : "nothing";
            if (!mine.equals(theirs)) {
                return other.source + " has " + theirs + " as column " + (c + 1) + " where " + source + " has " + mine
                        + " (they need the same columns, in the same order, with the same types)";
            }
        }
        return null;
    }

    private static String describe(ColumnSpec column) {
        return column.name() + " (" + column.type().yamlName() + ")";
    }

    /** The file this schema was loaded from. */
    public Path source() {
        return source;
    }

    @Override
    public String toString() {
        return "DatasetSchema[" + name + " v" + version + " from " + source + "]";
    }
}
