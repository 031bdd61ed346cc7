package io.quantmini.bronze;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.landing.LandingPage;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.LakeLayout;
import org.apache.avro.generic.GenericRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Puts one ticker's bars from a later per-ticker response into the bronze days that hold its older bars: a split
 * made those stale, and Polygon's per-ticker answer carries them on the new share basis. One request per ticker
 * instead of one per day of its history.
 *
 * <p>Each day file is read back, the ticker's row takes the new bar's values (every other row is kept as it was),
 * and the day is written again atomically. The footer adds the per-ticker landing file to the lineage and records the
 * ticker in {@link #META_REBASED} with the moment the bars arrived, which is when they count as fetched from then on.
 * A day for which the response has no valid bar of the ticker loses the old-basis row to the day's rejects, rule
 * {@code split_basis}, with the row as it was: nothing is kept on the wrong basis, and nothing is dropped unseen.
 */
public final class TickerBarsPatch {

    /** {@code TICKER=instant;...}: tickers whose row in a day came from a later per-ticker response, and when. */
    public static final String META_REBASED = "quantmini.rebased";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Striped locks over day files, shared by every patch in this process. */
    private static final Object[] DAY_LOCKS = new Object[64];

    static {
        for (int i = 0; i < DAY_LOCKS.length; i++) {
            DAY_LOCKS[i] = new Object();
        }
    }

    private final LakeLayout lake;
    private final DatasetSchema schema;
    private final DayValidator validator;

    public TickerBarsPatch(LakeLayout lake, DatasetSchema schema) {
        this.lake = Objects.requireNonNull(lake, "lake");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.validator = new DayValidator(schema);
    }

    /** The tickers a day's footer lists in {@link #META_REBASED}, with when their rows arrived. */
    public static Map<String, Instant> rebased(Map<String, String> footer) {
        Map<String, Instant> rebased = new TreeMap<>();
        String text = footer.get(META_REBASED);
        if (text != null && !text.isEmpty()) {
            for (String entry : text.split(";")) {
                int eq = entry.lastIndexOf('=');
                rebased.put(entry.substring(0, eq), Instant.parse(entry.substring(eq + 1)));
            }
        }
        return rebased;
    }

    /**
     * Replaces {@code ticker}'s row in each of {@code days} that has a bronze file holding it with its bar in
     * {@code bars} (the decoded per-ticker response, same columns as this dataset).
     *
     * @return the days written
     */
    public List<BronzeDayResult> apply(DayDecoding bars, String ticker, List<LocalDate> days) throws IOException {
        if (!sameLayout(bars.rows().columns())) {
            throw new IllegalArgumentException("per-ticker bars of " + bars.pages() + " do not have the columns of "
                    + schema.name());
        }
        List<LandingPage> pages = bars.pages();
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no per-ticker response for " + ticker);
        }
        Instant arrived = pages.stream().map(LandingPage::receivedAt).filter(Objects::nonNull)
                .min(Instant::compareTo).orElseThrow(() -> new IllegalArgumentException(
                        "the per-ticker response for " + ticker + " has no arrival time"));
        List<String> sourceFiles = pages.stream().map(page -> BronzeDayWriter.relativeToRoot(lake, page)).toList();
        // a bar that fails the dataset's rules is no bar: its day sets the old one aside (the bar stays in landing)
        int[] valid = validator.validate(bars.rows(), new ArrayList<>(bars.rejects()), sourceFiles);
        Map<Integer, Integer> barByDay = new HashMap<>();
        int dateColumn = schema.columnNames().indexOf("date");
        for (int row : valid) {
            barByDay.put(bars.rows().getInt(dateColumn, row), row);
        }
        List<BronzeDayResult> written = new ArrayList<>();
        for (LocalDate day : days) {
            Path file = lake.bronzeDayFile(schema.name(), day);
            // Tasks for other tickers patch the same days at the same time: each read-change-write of a day is whole.
            synchronized (DAY_LOCKS[Math.floorMod(file.hashCode(), DAY_LOCKS.length)]) {
                if (Files.exists(file)) {
                    BronzeDayResult result = patchDay(file, day, ticker, bars, barByDay.get((int) day.toEpochDay()),
                            arrived, sourceFiles, pages);
                    if (result != null) {
                        written.add(result);
                    }
                }
            }
        }
        return written;
    }

    private boolean sameLayout(List<ColumnSpec> columns) {
        if (columns.size() != schema.columns().size()) {
            return false;
        }
        for (int c = 0; c < columns.size(); c++) {
            if (!columns.get(c).name().equals(schema.columns().get(c).name())
                    || columns.get(c).type() != schema.columns().get(c).type()) {
                return false;
            }
        }
        return true;
    }

    /** The day with the ticker's row replaced (or set aside); null when the day has no row of the ticker. */
    private BronzeDayResult patchDay(Path file, LocalDate day, String ticker, DayDecoding bars, Integer barRow,
                                     Instant arrived, List<String> sourceFiles, List<LandingPage> pages)
            throws IOException {
        List<GenericRecord> records = BronzeReader.readAll(file);
        Map<String, String> footer = new LinkedHashMap<>(BronzeReader.footerMetadata(file));
        DayRows rows = new DayRows(schema.columns(), records.size());
        int tickerColumn = schema.columnNames().indexOf(DatasetSchema.TICKER);
        boolean found = false;
        List<GenericRecord> setAside = new ArrayList<>();
        for (GenericRecord record : records) {
            if (!ticker.equals(String.valueOf(record.get(DatasetSchema.TICKER)))) {
                rows.beginRow();
                copy(record, rows);
                rows.commitRow(0, 0, 0);
                continue;
            }
            found = true;
            if (barRow == null) {
                setAside.add(record);
                continue;
            }
            rows.beginRow();
            for (int c = 0; c < schema.columns().size(); c++) {
                copy(bars.rows(), barRow, rows, c);
            }
            rows.commitRow(0, 0, 0);
        }
        if (!found) {
            return null;
        }
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i; // the day's rows keep their order: the replaced row has the same key
        }
        footer.put(BronzeDayWriter.META_SOURCE_FILES, footer.get(BronzeDayWriter.META_SOURCE_FILES) + ","
                + String.join(",", sourceFiles));
        footer.put(BronzeDayWriter.META_REQUEST_IDS, footer.get(BronzeDayWriter.META_REQUEST_IDS) + ","
                + String.join(",", pages.stream().map(LandingPage::requestId).toList()));
        footer.put(BronzeDayWriter.META_ROW_COUNT, Integer.toString(rows.size()));
        Map<String, Instant> rebased = rebased(footer);
        rebased.put(ticker, arrived);
        StringBuilder text = new StringBuilder();
        rebased.forEach((t, at) -> text.append(text.length() == 0 ? "" : ";").append(t).append('=')
                .append(BronzeDayWriter.formatInstant(at)));
        footer.put(META_REBASED, text.toString());
        AtomicFiles.write(file, temp -> ParquetDayFile.write(temp, schema, rows, order, footer));
        if (!setAside.isEmpty()) {
            appendRejects(day, ticker, setAside, sourceFiles);
        }
        return new BronzeDayResult(day, rows.size(), setAside.size(), file);
    }

    private void appendRejects(LocalDate day, String ticker, List<GenericRecord> setAside, List<String> sourceFiles)
            throws IOException {
        Path rejects = lake.rejectsDayFile(schema.name(), day);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (Files.exists(rejects)) {
            bytes.write(Files.readAllBytes(rejects));
        }
        for (GenericRecord record : setAside) {
            try (JsonGenerator line = JSON.createGenerator(bytes)) {
                line.writeStartObject();
                line.writeStringField("dataset", schema.name());
                line.writeStringField("date", day.toString());
                line.writeStringField("rule", "split_basis");
                line.writeStringField("message", "the bar of " + ticker + " was fetched before a split took effect, "
                        + "and Polygon's split-adjusted bars of " + ticker + " (" + String.join(",", sourceFiles)
                        + ") have no valid bar on " + day + ": the old-basis bar is set aside");
                line.writeStringField("landing_file", String.join(",", sourceFiles));
                line.writeObjectFieldStart("bronze_row");
                for (ColumnSpec column : schema.columns()) {
                    Object value = record.get(column.name());
                    if (value == null) {
                        line.writeNullField(column.name());
                    } else if (value instanceof Long count) {
                        line.writeNumberField(column.name(), count);
                    } else if (value instanceof Double number) {
                        line.writeNumberField(column.name(), number);
                    } else if (value instanceof Boolean flag) {
                        line.writeBooleanField(column.name(), flag);
                    } else {
                        line.writeStringField(column.name(), value.toString());
                    }
                }
                line.writeEndObject();
                line.writeEndObject();
            }
            bytes.write('\n');
        }
        AtomicFiles.write(rejects, bytes.toByteArray());
    }

    /** A bronze record's values into the pending row. */
    private void copy(GenericRecord record, DayRows rows) {
        for (int c = 0; c < schema.columns().size(); c++) {
            ColumnSpec column = schema.columns().get(c);
            Object value = record.get(column.name());
            if (value == null) {
                rows.setNull(c);
                continue;
            }
            switch (column.type()) {
                case STRING -> rows.setString(c, value.toString());
                case DOUBLE -> rows.setDouble(c, ((Number) value).doubleValue());
                case LONG -> rows.setLong(c, ((Number) value).longValue());
                case TIMESTAMP_MILLIS -> rows.setLong(c, ((Instant) value).toEpochMilli());
                case DATE -> rows.setInt(c, (int) ((LocalDate) value).toEpochDay());
                case BOOLEAN -> rows.setBoolean(c, (Boolean) value);
            }
        }
    }

    /** One column of a decoded row into the pending row. */
    private static void copy(DayRows from, int row, DayRows to, int c) {
        if (from.isNull(c, row)) {
            to.setNull(c);
            return;
        }
        switch (from.columns().get(c).type()) {
            case STRING -> to.setString(c, from.getString(c, row));
            case DOUBLE -> to.setDouble(c, from.getDouble(c, row));
            case LONG, TIMESTAMP_MILLIS -> to.setLong(c, from.getLong(c, row));
            case DATE -> to.setInt(c, from.getInt(c, row));
            case BOOLEAN -> to.setBoolean(c, from.getBoolean(c, row));
        }
    }
}
