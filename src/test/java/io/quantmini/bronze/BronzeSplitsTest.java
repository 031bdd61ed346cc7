package io.quantmini.bronze;

import io.quantmini.LogCapture;
import io.quantmini.gold.SplitFactors;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The splits as gold and the split check read them, with what day files remember of the splits an answer lacked
 * (RefetchedDay): a split one answer lacked still counts, unless its date moved; a hand-edited memory warns and
 * costs only its own entry. Cases found by the review of the withdrawn-split change.
 */
class BronzeSplitsTest {

    private static final LocalDate FRI = LocalDate.of(2024, 3, 15);
    private static final LocalDate MON = LocalDate.of(2024, 3, 18);
    private static final Instant T0 = Instant.parse("2024-03-16T11:00:00Z");

    @TempDir
    Path root;
    private LakeLayout lake;
    private BronzeDayWriter splits;

    @BeforeEach
    void setUp() {
        lake = new LakeLayout(root);
        splits = new BronzeDayWriter(lake, DatasetSchema.load(java.nio.file.Paths.get("config/datasets/splits.yaml")));
    }

    private static String split(String ticker, LocalDate executed, int from, int to) {
        return "{\"ticker\":\"" + ticker + "\",\"execution_date\":\"" + executed + "\",\"split_from\":" + from
                + ",\"split_to\":" + to + "}";
    }

    private Path write(LocalDate day, String records, int answeredOnDay) throws IOException {
        Instant at = T0.plusSeconds(86_400L * answeredOnDay);
        Path file = lake.landingDay("splits", day).resolve("p" + at.toEpochMilli() + ".json");
        Files.createDirectories(file.getParent());
        byte[] body = ("{\"results\":[" + records + "],\"status\":\"OK\"}").getBytes(StandardCharsets.UTF_8);
        Files.write(file, body);
        return splits.write(day, List.of(new LandingPage("p" + at.toEpochMilli(), file, body, at))).file();
    }

    /** Replaces text in a Parquet file's footer by text of the same length (the footer stays valid Thrift). */
    private static void handEdit(Path file, String from, String to) throws IOException {
        assertEquals(from.length(), to.length());
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(from), text);
        Files.write(file, text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1));
    }

    private List<String> tickers() throws IOException {
        return BronzeSplits.read(lake).stream().map(BronzeSplits.Row::ticker).sorted().toList();
    }

    /** AAA lacked by one answer (pending), BBB held; returns the day file. */
    private Path aaaLackedOnce() throws IOException {
        Path file = write(FRI, split("AAA", FRI, 1, 4) + "," + split("BBB", FRI, 2, 1), 0);
        write(FRI, split("BBB", FRI, 2, 1), 1);
        assertEquals(List.of("AAA", "BBB"), tickers(), "one answer without AAA: it still counts");
        return file;
    }

    @Test
    void aPendingEntryWhoseTimeIsNotAnInstantIsLeftOutWithAWarningNotAFailedDay() throws Exception {
        Path file = aaaLackedOnce();
        handEdit(file, "\"at\":null", "\"at\":\"no\"");
        List<String> warnings = LogCapture.warnings(RefetchedDay.class, () -> assertEquals(List.of("BBB"), tickers()));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(file + ": footer quantmini.withdrawn holds an entry that cannot be read"),
                warnings.get(0));
    }

    @Test
    void aPendingEntryWithoutValuesIsLeftOutWithAWarning() throws Exception {
        Path file = aaaLackedOnce();
        String footer = BronzeReader.footerMetadata(file).get(RefetchedDay.META_WITHDRAWN);
        int start = footer.indexOf("\"values\":{");
        String values = footer.substring(start, footer.indexOf('}', start) + 1);
        handEdit(file, values, "\"values\":null" + " ".repeat(values.length() - "\"values\":null".length()));
        assertEquals(List.of("BBB"), tickers());
    }

    /** One unreadable entry no longer drops the file's others: BBB, lacked once, still counts for gold. */
    @Test
    void oneUnreadableEntryLeavesTheOthers() throws Exception {
        Path file = aaaLackedOnce();
        write(FRI, "", 2); // AAA confirmed withdrawn, BBB lacked once
        String aaaConfirmed = "\"confirmed_at\":\"2024-03-18T11:00:00.000Z\"";
        handEdit(file, aaaConfirmed, aaaConfirmed.replace('T', ' '));
        assertEquals(List.of("BBB"), tickers());
        assertEquals(List.of(), BronzeSplits.readDay(file).withdrawn(), "AAA's entry is left out");
    }

    /**
     * Polygon corrects a split's execution date: the same ticker's split reported under a date nearby. Counted under
     * both dates until the old day's second answer, the split would apply twice in gold (1/16 before it, not 1/4).
     */
    @Test
    void aSplitWhoseDateMovedCountsOnce() throws Exception {
        write(FRI, split("AAA", FRI, 1, 4), 0);
        write(FRI, "", 3);
        write(MON, split("AAA", MON, 1, 4), 3);
        assertEquals(0.25, SplitFactors.fromLake(lake).factor("AAA", LocalDate.of(2024, 3, 14)), 1e-12);
        assertEquals(List.of(new BronzeSplits.Row("AAA", MON, 1, 4, null)), BronzeSplits.read(lake));
        // a split lacked once beside another of its ticker more than a month away is not a moved date
        write(LocalDate.of(2024, 5, 15), split("AAA", LocalDate.of(2024, 5, 15), 1, 2), 4);
        write(LocalDate.of(2024, 5, 15), "", 5);
        assertEquals(2, BronzeSplits.read(lake).size());
    }
}
