package io.quantmini.bronze;

import io.quantmini.lake.DayFiles;
import io.quantmini.lake.LakeLayout;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The splits Polygon reported, as the {@code splits} bronze dataset holds them ({@code config/datasets/splits.yaml}):
 * read by gold for {@code $factor} and by the ingest's split check.
 *
 * <p>A split one answer for its day lacked is remembered in the day file's footer (RefetchedDay) and still counts as
 * reported, since one answer may be a glitch, until a second answer lacks it too (then it is withdrawn), or until
 * its ticker's split is reported under an execution date nearby (Polygon corrected the date: counted under both,
 * the split would apply twice).
 */
public final class BronzeSplits {

    private static final Logger LOG = LoggerFactory.getLogger(BronzeSplits.class);

    /** The bronze dataset of the splits Polygon reported. */
    public static final String DATASET = "splits";
    /** How far apart a split lacked once and its ticker's split reported under another date may be, in days. */
    static final int DATE_CORRECTION_DAYS = 31;

    /**
     * One reported split: on {@code executionDate}, {@code splitFrom} old shares became {@code splitTo}.
     * {@code firstSeen}: when a fetch of its day first held it, if an earlier fetch of that day did not (a split
     * reported late); null otherwise.
     */
    public record Row(String ticker, LocalDate executionDate, double splitFrom, double splitTo, Instant firstSeen) {
    }

    /** A split one answer for its day lacked, at {@code withdrawnAt}; it counts as reported unless its date moved. */
    public record Pending(Row split, Instant withdrawnAt) {
    }

    /**
     * A split Polygon reported and withdrew: two fetches of its day lacked it (or an older build recorded it lacked,
     * or its date moved). Bars fetched before {@code withdrawnAt}, the first answer without it, may be adjusted for it.
     */
    public record Withdrawn(String ticker, LocalDate executionDate, Instant withdrawnAt) {
    }

    /** What one day file says of splits: those it holds, those one answer lacked, those withdrawn. */
    public record DaySplits(List<Row> reported, List<Pending> pending, List<Withdrawn> withdrawn) {
    }

    private BronzeSplits() {
    }

    /**
     * Every split in the lake, day by day: those reported, and those one answer lacked whose date did not move.
     * A damaged day file is an IOException naming it.
     */
    public static List<Row> read(LakeLayout lake) throws IOException {
        List<DaySplits> days = new ArrayList<>();
        for (Path day : DayFiles.list(lake.bronzeDataset(DATASET)).values()) {
            days.add(readDay(day));
        }
        Map<String, List<LocalDate>> reported = new HashMap<>();
        days.forEach(day -> day.reported().forEach(split -> reported.computeIfAbsent(split.ticker(),
                ticker -> new ArrayList<>()).add(split.executionDate())));
        List<Row> splits = new ArrayList<>();
        for (DaySplits day : days) {
            splits.addAll(day.reported());
            for (Pending pending : day.pending()) {
                if (!dateMoved(pending.split().ticker(), pending.split().executionDate(), reported)) {
                    splits.add(pending.split());
                }
            }
        }
        return splits;
    }

    /**
     * Whether the split of {@code ticker} on {@code executionDate}, which one answer lacked, is reported under
     * another execution date at most {@link #DATE_CORRECTION_DAYS} away: Polygon corrected its date, and the record
     * lacked is withdrawn. {@code reportedDates}: the reported execution dates by ticker.
     */
    public static boolean dateMoved(String ticker, LocalDate executionDate,
                                    Map<String, List<LocalDate>> reportedDates) {
        for (LocalDate reported : reportedDates.getOrDefault(ticker, List.of())) {
            long apart = Math.abs(ChronoUnit.DAYS.between(executionDate, reported));
            if (apart > 0 && apart <= DATE_CORRECTION_DAYS) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a day file of the dataset says of splits (one read of its footer). A withdrawn entry that cannot be read
     * (a hand edit) is said in a WARN and left out; a damaged file is an IOException naming it.
     */
    public static DaySplits readDay(Path day) throws IOException {
        try {
            Map<String, String> footer = BronzeReader.footerMetadata(day);
            List<Row> reported = new ArrayList<>();
            if (BronzeReader.countRows(day) > 0) { // else a day without splits: no need to set up a record reader
                Map<Map<String, String>, Instant> firstSeen = RefetchedDay.firstSeen(day, footer);
                for (GenericRecord row : BronzeReader.readAll(day)) {
                    reported.add(new Row(row.get("ticker").toString(), (LocalDate) row.get("execution_date"),
                            ((Number) row.get("split_from")).doubleValue(),
                            ((Number) row.get("split_to")).doubleValue(), RefetchedDay.firstSeenOf(firstSeen, row)));
                }
            }
            List<Pending> pending = new ArrayList<>();
            List<Withdrawn> withdrawn = new ArrayList<>();
            for (RefetchedDay.Entry entry : RefetchedDay.withdrawn(day, footer)) {
                Instant withdrawnAt = Instant.parse(entry.withdrawnAt());
                if (entry.confirmed()) {
                    withdrawn.add(new Withdrawn(entry.key().get("ticker"),
                            LocalDate.parse(entry.key().get("execution_date")), withdrawnAt));
                    continue;
                }
                try {
                    Map<String, String> split = entry.values();
                    pending.add(new Pending(new Row(split.get("ticker"), LocalDate.parse(split.get("execution_date")),
                            Double.parseDouble(split.get("split_from")), Double.parseDouble(split.get("split_to")),
                            entry.at() == null ? null : Instant.parse(entry.at())), withdrawnAt));
                } catch (RuntimeException e) {
                    LOG.warn("{}: footer {} holds a split one answer lacked whose values cannot be read ({}): {}; it "
                            + "is left out", day, RefetchedDay.META_WITHDRAWN, e.getMessage(), entry.key());
                }
            }
            return new DaySplits(reported, pending, withdrawn);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the splits in " + day + ": " + e.getMessage(), e);
        }
    }
}
