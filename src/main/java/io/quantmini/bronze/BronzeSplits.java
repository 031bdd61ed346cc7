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

    /** The splits of one day file of the dataset; a damaged one is an IOException naming it. */
    public static List<Row> readDay(Path day) throws IOException {
        try {
            if (BronzeReader.countRows(day) == 0) {
                return List.of(); // a day without splits: its footer says so, no need to set up a record reader
            }
            Map<Map<String, String>, Instant> firstSeen = RefetchedDay.firstSeen(day, BronzeReader.footerMetadata(day));
            List<Row> splits = new ArrayList<>();
            for (GenericRecord row : BronzeReader.readAll(day)) {
                splits.add(new Row(row.get("ticker").toString(), (LocalDate) row.get("execution_date"),
                        ((Number) row.get("split_from")).doubleValue(), ((Number) row.get("split_to")).doubleValue(),
                        RefetchedDay.firstSeenOf(firstSeen, row)));
            }
            return splits;
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the splits in " + day + ": " + e.getMessage(), e);
        }
    }
}
