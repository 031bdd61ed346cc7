package io.quantmini.bronze;

import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.FooterKeys;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingPage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one day's records, decoded with the dataset schema as its pages landed, into the day's bronze file: validate,
 * write the good rows sorted by the record key to {@code lake.bronzeDayFile} and the rejects to
 * {@code lake.rejectsDayFile}, each through {@link AtomicFiles}.
 *
 * <p>A day is replaced as a whole: after a write, the day's Parquet file exists iff there were good rows
 * and its rejects file iff there were rejects, so a re-run leaves the lake as a clean run would, but for one thing: an
 * existing file that holds the same rows (and footer) stays, with the time its rows were first received
 * ({@link UnchangedDay}). A day whose every
 * record is rejected fails instead ({@link DayRejectedException}) and changes nothing when it is a day of a dataset
 * with records every trading day (bars), when every record lacks a required field, or when its file has rows (or
 * remembers records, {@link RefetchedDay}): that
 * is a schema that does not fit the data, and replacing the file would lose good rows. The other exception is input
 * with no records at all. For a dataset with records every trading day (bars) that is a day the market was closed:
 * nothing is written or removed. For the others (splits) it is a day without events, written as a file of no rows,
 * so that the lake records the day as done and an incremental run does not ask for it again.
 *
 * <p>Thread-safe: each call works on its own buffers, so days can be written in parallel.
 */
public final class BronzeDayWriter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BronzeDayWriter.class);

    /** Bumped when the bronze file layout written here changes; recorded in every footer. */
    public static final String WRITER_VERSION = "1";

    /**
     * When the day's first page arrived (ISO instant), written when every page's arrival is known: Polygon's
     * adjusted bars are adjusted for the splits known then (the ingest package's SplitBasis reads it).
     */
    public static final String META_RECEIVED_AT = "quantmini.received_at";
    /** Millisecond UTC instants of one length, so a footer's size does not depend on the moment it records. */
    private static final DateTimeFormatter RECEIVED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final LakeLayout lake;
    private final DatasetSchema schema;
    private final DayValidator validator;
    /** When an answer of no known arrival time (pages a benchmark or test lands) counts as received. */
    private final Clock clock;

    public BronzeDayWriter(LakeLayout lake, DatasetSchema schema) {
        this(lake, schema, Clock.systemUTC());
    }

    public BronzeDayWriter(LakeLayout lake, DatasetSchema schema, Clock clock) {
        this.lake = Objects.requireNonNull(lake, "lake");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.validator = new DayValidator(schema);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A day to decode page by page as the pages land (see {@link DayDecoding}), then to {@link #write(DayDecoding)}.
     */
    public DayDecoding startDay(LocalDate date) {
        return startDay(date, null);
    }

    /** As {@link #startDay(LocalDate)}, for a per-ticker request: {@code ticker} feeds {@code from: request_ticker}. */
    public DayDecoding startDay(LocalDate date, String ticker) {
        return new DayDecoding(schema, date, ticker);
    }

    /**
     * As {@link #startDay(LocalDate, String)}, for a request whose days start at {@code since} (its {@code {since}},
     * or null): the days its records may be dated in ({@link RequestWindow}).
     */
    public DayDecoding startDay(LocalDate date, LocalDate since, String ticker) {
        return new DayDecoding(schema, date, since, ticker);
    }

    /**
     * Decodes the pages' records and writes the day, as {@link #write(DayDecoding)} does.
     *
     * @throws BronzeFormatException a page's body is not the expected shape; names the landing file
     */
    public BronzeDayResult write(LocalDate date, List<LandingPage> pages) throws IOException {
        DayDecoding day = startDay(date);
        for (LandingPage page : pages) {
            day.decode(page);
        }
        return write(day);
    }

    /**
     * Validates a decoded day and writes its good rows to {@code lake.bronzeDayFile(schema.name(), date)} (atomically,
     * replacing an existing file) and its rejects to {@code lake.rejectsDayFile(...)}. No records at all: for a
     * dataset with records every trading day writes nothing ({@code file() == null}), for the others a file of no rows.
     * A day fetched again whose file already holds what the answer holds keeps that file, its time and its footer's
     * {@link #META_RECEIVED_AT} ({@link UnchangedDay}; {@code changed() == false}): the later stages, which go by the
     * file's time, have nothing to redo for it.
     *
     * @throws DayRejectedException every record of the day was rejected, and the dataset has records every trading
     *                               day, or they all lack a required field, or the day's file has rows or
     *                               remembers records; nothing was written or removed
     */
    public BronzeDayResult write(DayDecoding day) throws IOException {
        return write(day, false);
    }

    /**
     * As {@link #write(DayDecoding)}; with {@code evenIfUnchanged}, an existing file that holds the same rows is
     * replaced too, taking the new answer's {@link #META_RECEIVED_AT}.
     */
    public BronzeDayResult write(DayDecoding day, boolean evenIfUnchanged) throws IOException {
        LocalDate date = day.date();
        List<LandingPage> pages = day.pages();
        DayRows rows = day.rows();
        List<Reject> rejects = new ArrayList<>(day.rejects());
        List<String> sourceFiles = pages.stream().map(this::relativeToRoot).toList();
        boolean noRecords = rows.size() == 0 && rejects.isEmpty();
        if (noRecords && schema.recordsEveryTradingDay()) {
            return new BronzeDayResult(date, 0, 0, null);
        }
        int[] order = validator.validate(rows, rejects, sourceFiles);
        Path parquet = lake.bronzeDayFile(schema.name(), date);
        boolean allRejected = order.length == 0 && !rejects.isEmpty();
        boolean allLackARequiredField = rejects.stream().allMatch(reject -> reject.rule().equals("required"));
        if (allRejected && (schema.recordsEveryTradingDay() || allLackARequiredField || hasRows(parquet)
                || remembersRecords(parquet))) {
            // A market's day of bars, records that all lack a required field, or a day that had good rows: a schema
            // that does not fit the data, not a day of bad data.
            throw new DayRejectedException(schema, date, rejects);
        }

        // The rejects first: an incremental run takes a day whose Parquet file exists as done, so that file is the
        // day's commit. Written the other way round, a run killed between the two lost the day's rejects for good.
        Path rejectsFile = lake.rejectsDayFile(schema.name(), date);
        if (!rejects.isEmpty()) {
            AtomicFiles.write(rejectsFile, RejectsFile.render(schema.name(), date, rejects, pages, sourceFiles));
        } else {
            Files.deleteIfExists(rejectsFile);
        }
        if (allRejected) { // a few records (a day's splits), all bad: the rejects say why, and the day is asked again
            // said, since the run succeeds: on every day, it is a schema that does not fit the endpoint (a wrong type)
            LOG.warn("{} {}: {}; the day has no file, and an --incremental run asks for it again (if every day's are,"
                    + " check the rules of {})", schema.name(), date, DayRejectedException.allRejected(rejects),
                    schema.source());
            Files.deleteIfExists(parquet);
            return new BronzeDayResult(date, 0, rejects.size(), null);
        }
        Map<String, String> footer = lineage(date, pages, sourceFiles, order.length);
        if (!schema.recordsEveryTradingDay() && !schema.key().isEmpty()) {
            footer.putAll(RefetchedDay.compare(schema, parquet, date, rows, order, footer.get(META_RECEIVED_AT),
                    clock));
        }
        AtomicFiles.Staged written = AtomicFiles.stage(parquet, temp -> ParquetDayFile.write(temp, schema, rows, order,
                footer));
        if (!evenIfUnchanged && UnchangedDay.is(written.temp(), parquet)) {
            discard(written);
            return new BronzeDayResult(date, order.length, rejects.size(), parquet, false);
        }
        written.commit();
        return new BronzeDayResult(date, order.length, rejects.size(), parquet);
    }

    /** The day stays as it is either way: a temp that cannot be removed now is swept by a later run. */
    private static void discard(AtomicFiles.Staged written) {
        try {
            written.discard();
        } catch (IOException e) {
            LOG.warn("cannot remove {} (the day's file holds the same rows and stays): {}", written.temp(),
                    e.toString());
        }
    }

    /** A day file of no rows whose footer remembers records ({@link RefetchedDay}): deleting it would forget them. */
    private static boolean remembersRecords(Path parquet) throws IOException {
        return Files.exists(parquet) && RefetchedDay.remembers(BronzeReader.footerMetadata(parquet));
    }

    private static boolean hasRows(Path parquet) throws IOException {
        return Files.exists(parquet) && BronzeReader.countRows(parquet) > 0;
    }

    public DatasetSchema schema() {
        return schema;
    }

    /** An instant as footers record it: UTC, milliseconds, always the same length. */
    static String formatInstant(Instant instant) {
        return RECEIVED_AT.format(instant);
    }

    private Map<String, String> lineage(LocalDate date, List<LandingPage> pages, List<String> sourceFiles,
                                        int rowCount) {
        Map<String, String> footer = new LinkedHashMap<>();
        footer.put(FooterKeys.DATASET, schema.name());
        footer.put(FooterKeys.DATE, date.toString());
        footer.put(FooterKeys.REQUEST_IDS, String.join(",", pages.stream().map(LandingPage::requestId).toList()));
        footer.put(FooterKeys.SOURCE_FILES, String.join(",", sourceFiles));
        footer.put(FooterKeys.ROW_COUNT, Integer.toString(rowCount));
        footer.put(FooterKeys.SCHEMA_VERSION, Integer.toString(schema.version()));
        footer.put(FooterKeys.WRITER_VERSION, WRITER_VERSION);
        if (pages.stream().allMatch(page -> page.receivedAt() != null)) {
            pages.stream().map(LandingPage::receivedAt).min(Comparator.naturalOrder())
                    .ifPresent(first -> footer.put(META_RECEIVED_AT, formatInstant(first)));
        }
        return footer;
    }

    /** The landing page's file as the footer names it ({@link LakeLayout#relativePath}). */
    private String relativeToRoot(LandingPage page) {
        return relativeToRoot(lake, page);
    }

    static String relativeToRoot(LakeLayout lake, LandingPage page) {
        return lake.relativePath(Objects.requireNonNull(page.file(), "landing page without a file"));
    }
}
