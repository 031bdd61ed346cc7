package io.quantmini.replay;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A long-lived replay server's logs stay bounded in lines and in characters, however long each request is. */
class RecentLinesTest {

    @Test
    void theLatestLinesAreKeptUpToTheLineLimit() {
        RecentLines log = new RecentLines(3, 1_000);
        for (int i = 1; i <= 5; i++) {
            log.add("GET /" + i);
        }
        assertEquals(List.of("GET /3", "GET /4", "GET /5"), log.snapshot());
    }

    @Test
    void enormousLinesAreCutAndTheCharacterBudgetEvictsTheOldest() {
        RecentLines log = new RecentLines(100_000, 4_200);
        String huge = "GET /" + "x".repeat(200_000);
        for (int i = 0; i < 10; i++) {
            log.add(huge);
        }
        log.add("GET /last");
        List<String> kept = log.snapshot();
        assertEquals("GET /last", kept.get(kept.size() - 1));
        assertEquals(3, kept.size(), "two cut lines and the last fit the budget");
        String cut = kept.get(0);
        assertEquals(RecentLines.MAX_LINE_CHARS + "... (200005 characters)".length(), cut.length());
        assertTrue(cut.endsWith("... (200005 characters)"), cut.substring(cut.length() - 40));
        assertTrue(kept.stream().mapToInt(String::length).sum() <= 4_200);
    }
}
