package io.quantmini.bronze;

import io.quantmini.landing.LandingPage;
import io.quantmini.polygon.PageHeader;
import io.quantmini.polygon.PageReader;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One day's pages decoded as they land: their records, in {@link DayRows}, the records rejected while decoding,
 * and the pages themselves (rejects quote their source bytes, the footer names them). The fetcher reads each
 * page through it once, so a body is parsed a single time on its way from HTTP to Parquet;
 * {@link BronzeDayWriter#write(DayDecoding)} then validates and writes the day.
 *
 * <p>A page is all or nothing: when its body turns out not to be complete JSON, or the fetcher drops it,
 * the rows and rejects it added are taken back.
 */
public final class DayDecoding implements PageReader {

    /** A Polygon record is ~100-130 bytes of JSON: buffers sized from the first page rarely need to grow. */
    private static final int BYTES_PER_RECORD = 100;

    private final DatasetSchema schema;
    private final LocalDate date;
    private final PageDecoder decoder;
    private DayRows rows;
    private final List<Reject> rejects = new ArrayList<>();
    private final List<LandingPage> pages = new ArrayList<>();
    private int rowsBeforeLastPage;
    private int rejectsBeforeLastPage;

    DayDecoding(DatasetSchema schema, LocalDate date) {
        this(schema, date, null);
    }

    /** @param ticker the ticker of a per-ticker request, for columns {@code from: request_ticker}; else null */
    DayDecoding(DatasetSchema schema, LocalDate date, String ticker) {
        this(schema, date, null, ticker);
    }

    /** @param since the request's first day ({@code {since}}; {@link RequestWindow}), or null: its date alone */
    DayDecoding(DatasetSchema schema, LocalDate date, LocalDate since, String ticker) {
        this.schema = schema;
        this.date = date;
        this.decoder = new PageDecoder(schema, date, since, ticker);
    }

    /** What the day kept though dated outside the request's days ({@link RequestWindow}), for a warning; or null. */
    public String keptOutsideRequestWindow() {
        return decoder.keptOutsideRequestWindow();
    }

    /**
     * @throws IOException           the body is not one complete JSON object; nothing of the page is kept
     * @throws BronzeFormatException complete JSON whose records field is neither an array nor null; nothing kept (a
     *                               non-object element of the array is a rejected record, not this)
     */
    @Override
    public PageHeader read(LandingPage page) throws IOException {
        try {
            return decode(page);
        } catch (BronzeFormatException e) {
            if (e.notJson()) {
                throw new IOException(e.problem(), e);
            }
            throw e;
        }
    }

    /** As {@link #read}, with a body that is not JSON reported as a {@link BronzeFormatException} too. */
    PageHeader decode(LandingPage page) {
        if (rows == null) {
            rows = new DayRows(schema.columns(), page.body().length / BYTES_PER_RECORD);
        }
        rowsBeforeLastPage = rows.size();
        rejectsBeforeLastPage = rejects.size();
        try {
            PageHeader header = decoder.decode(page, pages.size(), rows, rejects);
            pages.add(page);
            return header;
        } catch (RuntimeException e) {
            takeBack();
            throw e;
        }
    }

    @Override
    public void dropLastPage() {
        pages.remove(pages.size() - 1);
        takeBack();
    }

    @Override
    public boolean missingRecords() {
        return schema.recordsEveryTradingDay() && rows().size() == 0 && rejects.isEmpty();
    }

    private void takeBack() {
        decoder.takeBackLastPage();
        rows.truncate(rowsBeforeLastPage);
        rejects.subList(rejectsBeforeLastPage, rejects.size()).clear();
    }

    LocalDate date() {
        return date;
    }

    DatasetSchema schema() {
        return schema;
    }

    /** See {@link PageDecoder#columnsInNoRecord()}. */
    public List<ColumnSpec> columnsInNoRecord() {
        return decoder.columnsInNoRecord();
    }

    DayRows rows() {
        return rows != null ? rows : new DayRows(schema.columns(), 0);
    }

    List<Reject> rejects() {
        return rejects;
    }

    public List<LandingPage> pages() {
        return List.copyOf(pages);
    }
}
