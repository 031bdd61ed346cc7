package io.quantmini.bronze;

import io.quantmini.lake.DayFiles;
import io.quantmini.lake.LakeLayout;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The splits Polygon reported, as the {@code splits} bronze dataset holds them ({@code config/datasets/splits.yaml}):
 * read by gold for {@code $factor} and by the ingest's split check.
 */
public final class BronzeSplits {

    /** The bronze dataset of the splits Polygon reported. */
    public static final String DATASET = "splits";

    /**
     * One reported split: on {@code executionDate}, {@code splitFrom} old shares became {@code splitTo}.
     * {@code firstSeen}: when a fetch of its day first held it, if an earlier fetch of that day did not (a split
     * reported late); null otherwise.
     */
    public record Row(String ticker, LocalDate executionDate, double splitFrom, double splitTo, Instant firstSeen) {
    }

    /**
     * A split Polygon reported and withdrew: two fetches of its day lacked it (RefetchedDay). Bars fetched before
     * {@code withdrawnAt}, the first of them, may be adjusted for it.
     */
    public record Withdrawn(String ticker, LocalDate executionDate, Instant withdrawnAt) {
    }

    private BronzeSplits() {
    }

    /** Every split in the lake, day by day; a damaged day file is an IOException naming it. */
    public static List<Row> read(LakeLayout lake) throws IOException {
        List<Row> splits = new ArrayList<>();
        for (Path day : DayFiles.list(lake.bronzeDataset(DATASET)).values()) {
            splits.addAll(readDay(day));
        }
        return splits;
    }

    /**
     * The splits of one day file of the dataset: those it holds, and those one answer lacked (which may be a glitch:
     * they count as reported until a second answer confirms their withdrawal). A damaged file is an IOException
     * naming it.
     */
    public static List<Row> readDay(Path day) throws IOException {
        try {
            Map<String, String> footer = BronzeReader.footerMetadata(day);
            List<Row> splits = new ArrayList<>();
            if (BronzeReader.countRows(day) > 0) { // else a day without splits: no need to set up a record reader
                Map<Map<String, String>, Instant> firstSeen = RefetchedDay.firstSeen(day, footer);
                for (GenericRecord row : BronzeReader.readAll(day)) {
                    splits.add(new Row(row.get("ticker").toString(), (LocalDate) row.get("execution_date"),
                            ((Number) row.get("split_from")).doubleValue(),
                            ((Number) row.get("split_to")).doubleValue(), RefetchedDay.firstSeenOf(firstSeen, row)));
                }
            }
            for (RefetchedDay.Entry withdrawn : RefetchedDay.withdrawn(day, footer)) {
                if (!withdrawn.confirmed()) {
                    Map<String, String> split = withdrawn.values();
                    splits.add(new Row(split.get("ticker"), LocalDate.parse(split.get("execution_date")),
                            Double.parseDouble(split.get("split_from")), Double.parseDouble(split.get("split_to")),
                            withdrawn.at() == null ? null : Instant.parse(withdrawn.at())));
                }
            }
            return splits;
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the splits in " + day + ": " + e.getMessage(), e);
        }
    }

    /** The splits a day file remembers as withdrawn, confirmed; a damaged file is an IOException naming it. */
    public static List<Withdrawn> withdrawnInDay(Path day) throws IOException {
        try {
            List<Withdrawn> withdrawn = new ArrayList<>();
            for (RefetchedDay.Entry split : RefetchedDay.withdrawn(day, BronzeReader.footerMetadata(day))) {
                if (split.confirmed()) {
                    withdrawn.add(new Withdrawn(split.key().get("ticker"),
                            LocalDate.parse(split.key().get("execution_date")), Instant.parse(split.withdrawnAt())));
                }
            }
            return withdrawn;
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the withdrawn splits in " + day + ": " + e.getMessage(), e);
        }
    }
}
