package io.quantmini.lake;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymbolPathsTest {

    @Test
    void encodesOnlyWhatCannotNameAFile() {
        assertEquals("BRK.A", SymbolPaths.encode("BRK.A"));
        assertEquals("TEST%2FWS", SymbolPaths.encode("TEST/WS"));
        assertEquals("O%3ASPY251219C00650000", SymbolPaths.encode("O:SPY251219C00650000"));
        assertEquals("%2E.%2Fx", SymbolPaths.encode("../x"));
        assertEquals("%2E", SymbolPaths.encode("."));
        assertEquals("%2E.", SymbolPaths.encode(".."));
        assertEquals("A%20B%25", SymbolPaths.encode("A B%"));
    }

    @Test
    void everySymbolStaysInsideItsFolderAndRoundTrips() {
        Path folder = Path.of("/lake/bronze/stocks_minute/year=2024/month=01");
        for (String symbol : List.of("BRK.A", "TEST/WS", "O:SPY251219C00650000", "../x", "..", ".", "a/../../b", "Ünï", "X\\Y")) {
            String segment = SymbolPaths.encode(symbol);
            Path file = folder.resolve(segment + ".parquet").normalize();
            assertEquals(folder, file.getParent(), symbol);
            assertEquals(symbol, SymbolPaths.decode(segment), symbol);
            assertTrue(segment.matches("[A-Za-z0-9._%-]+"), segment);
        }
        assertThrows(IllegalArgumentException.class, () -> SymbolPaths.encode(""));
    }
}
