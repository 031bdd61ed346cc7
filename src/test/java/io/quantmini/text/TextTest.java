package io.quantmini.text;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTest {

    @Test
    void oneTakesTheSingularEveryOtherCountThePlural() {
        assertEquals("1 day", Plural.of(1, "day"));
        assertEquals("0 days", Plural.of(0, "day"));
        assertEquals("2 changed days", Plural.of(2, "changed day"));
        assertEquals("12000 rows", Plural.of(12_000, "row"));
    }

    @Test
    void secondsAreWrittenWithAPointInEveryLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // writes 1,44 through String.format without a locale
        try {
            assertEquals("1.44", Seconds.of(1_440_000_000L, 2));
            assertEquals("0.003", Seconds.of(3_000_000L, 3));
            String since = Seconds.since(System.nanoTime());
            assertTrue(since.matches("0\\.\\d\\d"), since);
        } finally {
            Locale.setDefault(before);
        }
    }
}
