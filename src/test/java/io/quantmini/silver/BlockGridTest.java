package io.quantmini.silver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compute blocks sit on a grid of calendar half-years, whichever days a run writes: a day's series starts 60
 * calendar rows before its half-year, in a full rebuild and in an incremental run alike.
 */
class BlockGridTest {
    /** Weekdays 2023-01-02 … 2024-12-31: 522 days, each half-year starting on its first weekday. */
    private static final List<LocalDate> CALENDAR = Stream.iterate(LocalDate.of(2023, 1, 2), d -> d.plusDays(1))
            .limit(730).filter(d -> d.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()).toList();
    private static final BlockGrid GRID = new BlockGrid(CALENDAR, BlockGrid.HALF_YEAR);

    private static int indexOf(String date) {
        return CALENDAR.indexOf(LocalDate.parse(date));
    }

    @Test
    void aFullRunHasOneBlockPerHalfYearEachStartingSixtyRowsBeforeIt() {
        List<BlockGrid.Block> blocks = GRID.blocks(IntStream.range(0, CALENDAR.size()).toArray());

        int[] halfYearStarts = {0, indexOf("2023-07-03"), indexOf("2024-01-01"), indexOf("2024-07-01")};
        assertEquals(4, blocks.size());
        for (int b = 0; b < blocks.size(); b++) {
            int end = b + 1 < halfYearStarts.length ? halfYearStarts[b + 1] : CALENDAR.size();
            assertArrayEquals(IntStream.range(halfYearStarts[b], end).toArray(), blocks.get(b).days(), "block " + b);
            assertEquals(Math.max(0, halfYearStarts[b] - BlockGrid.LOOKBACK), blocks.get(b).lookbackStart());
        }
    }

    @Test
    void anIncrementalRunsDaysKeepTheirHalfYearsSeriesStart() {
        int october = indexOf("2024-10-15");
        int december = indexOf("2024-12-31");
        int july = indexOf("2024-07-01");

        List<BlockGrid.Block> blocks = GRID.blocks(new int[] {indexOf("2024-03-28"), october, december});

        assertEquals(2, blocks.size());
        assertEquals(indexOf("2024-01-01") - BlockGrid.LOOKBACK, blocks.get(0).lookbackStart());
        assertArrayEquals(new int[] {october, december}, blocks.get(1).days());
        assertEquals(july - BlockGrid.LOOKBACK, blocks.get(1).lookbackStart());
        int[] starts = GRID.seriesStarts();
        assertEquals(july - BlockGrid.LOOKBACK, starts[october]);
        assertEquals(july - BlockGrid.LOOKBACK, starts[july]);
        assertEquals(indexOf("2024-01-01") - BlockGrid.LOOKBACK, starts[july - 1]);
        assertEquals(0, starts[indexOf("2023-03-01")], "the lookback stops at the calendar's first day");
    }

    @Test
    void passesSplitABlocksDaysAndKeepItsSeriesStart() {
        BlockGrid.Block block = GRID.blocks(IntStream.rangeClosed(indexOf("2024-07-01"), indexOf("2024-07-12"))
                .toArray()).get(0);

        List<BlockGrid.Block> passes = block.passes(4);

        assertEquals(List.of(4, 4, 2), passes.stream().map(p -> p.days().length).toList());
        assertEquals(List.of(block.lookbackStart(), block.lookbackStart(), block.lookbackStart()),
                passes.stream().map(BlockGrid.Block::lookbackStart).toList());
        assertArrayEquals(block.days(), passes.stream().flatMapToInt(p -> IntStream.of(p.days())).toArray());
    }
}
