package io.quantmini.gold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QlibNamesTest {

    @TempDir
    Path root;

    @Test
    void directoriesFollowCodeToFnameLowerCased() {
        assertEquals("_qlib_con", QlibNames.featureDirectory("CON"));
        assertEquals("_qlib_lpt1", QlibNames.featureDirectory("LPT1"));
        assertEquals("_qlib_com0", QlibNames.featureDirectory("COM0"));
        assertEquals("com10", QlibNames.featureDirectory("COM10"));
        assertEquals("conn", QlibNames.featureDirectory("CONN"));
        assertEquals("brk.a", QlibNames.featureDirectory("BRK.A"));
        assertEquals("test/ws", QlibNames.featureDirectory("TEST/WS"));
        assertEquals("ABRPD", QlibNames.code("ABRpD"));
        for (String dir : List.of("_qlib_con", "_qlib_lpt1", "com10", "brk.a")) {
            String code = dir.toUpperCase().replace("_QLIB_", "");
            assertEquals(QlibReader.codeToFname(code).toLowerCase(), QlibNames.featureDirectory(code));
        }
    }

    @Test
    void unrepresentableCodesAreRefused() {
        assertFalse(QlibNames.representable(""));
        // what Qlib's read_csv of all.txt takes for a missing value: the instrument would be NaN
        for (String missing : List.of("NA", "NULL", "N/A", "#N/A", "<NA>")) {
            assertFalse(QlibNames.representable(missing), missing);
        }
        assertTrue(QlibNames.representable("NAN"), "pandas matches 'NaN' and 'nan', not an upper-cased code");
        assertTrue(QlibNames.representable("NAB"));
        assertFalse(QlibNames.representable("A\tB"));
        assertFalse(QlibNames.representable("A\nB"));
        assertFalse(QlibNames.representable("../X"));
        assertFalse(QlibNames.representable("X/"));
        assertFalse(QlibNames.representable("A//B"));
        assertFalse(QlibNames.representable("/A"));
        assertFalse(QlibNames.representable("A/./B"));
        assertFalse(QlibNames.representable(".."));
        assertFalse(QlibNames.representable("A\0"));
        assertTrue(QlibNames.representable("TEST/WS"));
        assertTrue(QlibNames.representable("A/.B/..C"));
        assertTrue(QlibNames.representable("BRK.A"));
        assertTrue(QlibNames.representable("O:SPY251219C00650000"));
        // from the independent gold-reader QA: pandas reads a leading quote as a quoted field to the end of all.txt,
        // failing every instrument; a nested folder named like a field file would sit where IBM's file is; and
        // _QLIB_CON's folder is CON's, so one of them lost its bars to the other
        assertFalse(QlibNames.representable("\"QQ"));
        assertTrue(QlibNames.representable("Q\"X"), "a quote inside a field is literal to pandas");
        assertFalse(QlibNames.representable("IBM/OPEN.DAY.BIN"));
        assertFalse(QlibNames.representable("IBM/X/CLOSE.DAY.BIN"));
        assertTrue(QlibNames.representable("OPEN.DAY.BIN"), "a top folder of its own beside the others");
        assertTrue(QlibNames.representable("IBM/DAY.BINX"));
        assertFalse(QlibNames.representable("_QLIB_CON"));
        assertFalse(QlibNames.representable("_QLIB_COM1"));
        assertTrue(QlibNames.representable("_QLIB_COM10"));
        assertTrue(QlibNames.representable("_QLIB_X"));
        assertTrue(QlibNames.representable("CON"));
        // a feature folder is a file name (255 bytes, with room for the _qlib_ prefix): a 5000-character ticker
        // made every gold run fail with "File name too long"; now it is skipped, named, like the others
        assertFalse(QlibNames.representable("A".repeat(5000)));
        assertTrue(QlibNames.representable("A".repeat(249)));
        assertFalse(QlibNames.representable("A".repeat(250)));
        assertFalse(QlibNames.representable("\u682a".repeat(84)), "counted in UTF-8 bytes");
        assertTrue(QlibNames.representable("A".repeat(200) + "/" + "B".repeat(200)));
        assertFalse(QlibNames.representable(("A".repeat(240) + "/").repeat(18) + "Z"),
                "nested: the whole path is bounded too");
        String whole = ("A".repeat(200) + "/").repeat(5) + "B".repeat(19); // 1,024 bytes: the longest code taken
        assertTrue(QlibNames.representable(whole));
        assertFalse(QlibNames.representable(whole + "B"));
    }

    @Test
    void splitsFromCsvAndPolygonJson() throws IOException {
        Path csv = root.resolve("splits.csv");
        Files.writeString(csv,
                "execution_date,ticker,split_from,split_to\n2024-06-10,NVDA,1,10\n\n2020-08-31,aapl,1,4\n");
        SplitEvents events = new SplitEvents(SplitsFile.read(csv));
        assertEquals(0.1 * 0.25,
                events.factor("AAPL", LocalDate.of(2020, 1, 2)) * events.factor("NVDA", LocalDate.of(2024, 6, 7)),
                1e-12);
        assertEquals(1.0, events.factor("AAPL", LocalDate.of(2020, 8, 31)));
        assertEquals(0.1, events.factor("NVDA", LocalDate.of(2024, 6, 7)), 1e-12);
        Path json = root.resolve("splits.jsonl");
        Files.writeString(json, "{\"results\":[{\"execution_date\":\"2024-01-05\",\"split_from\":3,\"split_to\":2,"
                + "\"ticker\":\"XYZ\"}],\"status\":\"OK\"}\n{\"ticker\":\"ABC\",\"execution_date\":\"2024-01-03\","
                + "\"split_from\":1,\"split_to\":2}\n");
        SplitEvents fromJson = new SplitEvents(SplitsFile.read(json));
        assertEquals(1.5, fromJson.factor("XYZ", LocalDate.of(2024, 1, 4)), 1e-12, "reverse split: 3 old -> 2 new");
        assertEquals(0.5, fromJson.factor("ABC", LocalDate.of(2024, 1, 2)), 1e-12);
        assertEquals(java.util.Set.of("XYZ", "ABC"), fromJson.codes());

        // as Excel saves it: a byte-order mark, CRLF
        Files.writeString(csv, "\uFEFFticker,execution_date,split_from,split_to\r\nNVDA,2024-06-10,1,10\r\n");
        assertEquals(0.1, new SplitEvents(SplitsFile.read(csv)).factor("NVDA", LocalDate.of(2024, 6, 7)), 1e-12);
    }

    /**
     * A split list's signature (what tells gold that a symbol's splits changed and its history must be rewritten)
     * does not depend on the order the splits were listed in; and a split must move a positive number of shares.
     */
    @Test
    void splitSignaturesIgnoreListingOrderAndSplitsNeedPositiveShares() {
        Split first = new Split("AAPL", LocalDate.of(2014, 6, 9), 1, 7);
        Split second = new Split("aapl", LocalDate.of(2020, 8, 31), 1, 4);
        String signature = new SplitEvents(List.of(first, second)).signature("AAPL");
        assertEquals("2014-06-09:1.0/7.0;2020-08-31:1.0/4.0;", signature);
        assertEquals(signature, new SplitEvents(List.of(second, first)).signature("AAPL"));
        assertEquals("", new SplitEvents(List.of(first)).signature("MSFT"));
        assertThrows(IllegalArgumentException.class, () -> new Split("X", LocalDate.of(2024, 1, 2), 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new Split("X", LocalDate.of(2024, 1, 2), 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Split("X", LocalDate.of(2024, 1, 2), Double.NaN, 2));
        assertEquals(0.5, new Split("X", LocalDate.of(2024, 1, 2), Double.MIN_VALUE, 2 * Double.MIN_VALUE).ratio());
    }
}
