package io.quantmini.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class PrintableTest {

    @Test
    void controlCharactersBecomeEscapesOnOneLine() {
        assertEquals("12.5\\nquantmini: ingest OK\\u001b[32m\\u0085\\u2028 \\t\\r",
                Printable.oneLine("12.5\nquantmini: ingest OK\u001b[32m\u0085\u2028 \t\r"));
        String plain = "no control here: é, 株, \"quotes\" \\";
        assertSame(plain, Printable.oneLine(plain));
        assertNull(Printable.oneLine(null));
    }

    @Test
    void quotedEscapesQuotesAndCutsLongValues() {
        assertEquals("\"a\\\"b\\\\c\\n\"", Printable.quoted("a\"b\\c\n", 40));
        assertEquals("\"99999\"... (2000000 characters)", Printable.quoted("9".repeat(2_000_000), 5));
        assertEquals("\"\"", Printable.quoted("", 5));
    }
}
