package io.quantmini.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NyseCalendarTest {

    private static final NyseCalendar NYSE = NyseCalendar.load(Path.of("config/calendar/nyse-closures.csv"));

    @ParameterizedTest
    @CsvSource({"2019,252", "2020,253", "2021,252", "2022,251", "2023,250", "2024,252"})
    void tradingDaysPerYear(int year, int expected) {
        assertEquals(expected, NYSE.tradingDays(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001-09-11", "2001-09-12", "2001-09-13", "2001-09-14", "2004-06-11", "2007-01-02",
            "2012-10-29", "2012-10-30", "2018-12-05", "2025-01-09"})
    void adHocClosuresAreClosed(String day) {
        assertFalse(NYSE.isTradingDay(LocalDate.parse(day)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2022-06-20", // Juneteenth on Sunday, observed Monday
            "2021-07-05", // Independence Day on Sunday
            "2022-12-26", // Christmas on Sunday
            "2021-12-24", // Christmas on Saturday, observed Friday
            "2020-07-03", // Independence Day on Saturday
            "2023-01-02", // New Year's Day on Sunday
            "1998-01-19", // the first MLK Day the NYSE closed for
            "2024-01-15", // MLK Day
            "2024-02-19", // Washington's Birthday
            "2024-03-29", // Good Friday
            "2024-05-27", // Memorial Day
            "2024-06-19", // Juneteenth
            "2024-09-02", // Labor Day
            "2024-11-28", // Thanksgiving
            "2024-12-25"})
    void holidaysAreClosed(String day) {
        assertFalse(NYSE.isTradingDay(LocalDate.parse(day)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2021-12-31", // 2022-01-01 is a Saturday: no Friday substitute for New Year's Day
            "2021-06-18", // Juneteenth 2021 fell on a Saturday, before the NYSE observed it
            "1997-01-20", // third Monday of January before MLK Day was an NYSE holiday
            "2024-11-29", // day after Thanksgiving: early close, still a session
            "2024-07-03",
            "2012-10-31"})
    void tradingDaysThatLookLikeHolidays(String day) {
        assertTrue(NYSE.isTradingDay(LocalDate.parse(day)));
    }

    @Test
    void weekendsAreClosed() {
        assertFalse(NYSE.isTradingDay(LocalDate.of(2024, 6, 1)));
        assertFalse(NYSE.isTradingDay(LocalDate.of(2024, 6, 2)));
    }

    @ParameterizedTest
    @CsvSource({"2000,2000-04-23", "2019,2019-04-21", "2024,2024-03-31", "2025,2025-04-20", "2038,2038-04-25"})
    void easter(int year, String sunday) {
        assertEquals(LocalDate.parse(sunday), NyseHolidays.easterSunday(year));
    }

    /**
     * Every Gregorian year from 1583 to 4099 against an independent derivation, Gauss's algorithm with its two
     * exceptions: the five years above share one century term, and the calendar must be right for any backfill.
     */
    @Test
    void easterAgreesWithGausssAlgorithmOverTheGregorianCalendar() {
        for (int year = 1583; year <= 4099; year++) {
            int a = year % 19;
            int b = year % 4;
            int c = year % 7;
            int k = year / 100;
            int p = (13 + 8 * k) / 25;
            int q = k / 4;
            int m = (15 - p + k - q) % 30;
            int n = (4 + k - q) % 7;
            int d = (19 * a + m) % 30;
            int e = (2 * b + 4 * c + 6 * d + n) % 7;
            LocalDate easter = LocalDate.of(year, 3, 22).plusDays(d + e);
            if (d == 29 && e == 6 || d == 28 && e == 6 && (11 * m + 11) % 30 < 19) {
                easter = easter.minusDays(7);
            }
            assertEquals(easter, NyseHolidays.easterSunday(year), "Easter " + year);
        }
    }

    @Test
    void tradingDaysAreOrderedAndInclusive() {
        List<LocalDate> days = NYSE.tradingDays(LocalDate.of(2024, 12, 23), LocalDate.of(2025, 1, 3));
        assertEquals(List.of("2024-12-23", "2024-12-24", "2024-12-26", "2024-12-27", "2024-12-30",
                "2024-12-31", "2025-01-02", "2025-01-03"), days.stream().map(LocalDate::toString).toList());
        assertThrows(IllegalArgumentException.class,
                () -> NYSE.tradingDays(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 1)));
    }

    @Test
    void badLineNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("closures.csv");
        Files.writeString(csv, "# comment\ndate,reason\n2012-10-29,Sandy\n2012-13-01,typo\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NyseCalendar.load(csv));
        assertTrue(e.getMessage().contains(csv.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    }

    @Test
    void lineWithoutReasonIsRejected(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("closures.csv");
        Files.writeString(csv, "date,reason\n2012-10-29\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NyseCalendar.load(csv));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void aMissingOrNonUtf8FileIsNamedWithWhy(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nyse-closures.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NyseCalendar.load(missing));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(missing + ": no such file"),
                e.getMessage());
        Files.writeString(missing, "date,reason\n2025-01-09,National Day of Mourning\n",
                java.nio.charset.StandardCharsets.UTF_16);
        e = assertThrows(IllegalArgumentException.class, () -> NyseCalendar.load(missing));
        org.junit.jupiter.api.Assertions.assertEquals(missing + ": not UTF-8 text; save the closures file as UTF-8",
                e.getMessage());
        Path folder = Files.createDirectories(dir.resolve("folder.csv"));
        e = assertThrows(IllegalArgumentException.class, () -> NyseCalendar.load(folder));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage()
                .startsWith("cannot read the closures file " + folder),
                e.getMessage());
    }

    @Test
    void missingHeaderIsRejected(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("closures.csv");
        Files.writeString(csv, "2012-10-29,Sandy\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NyseCalendar.load(csv));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }
}
