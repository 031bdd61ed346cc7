package io.quantmini.gold;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoldResultTest {

    @Test
    void aRewriteThatWroteNoSymbolSaysTheValuesWereTheSame() {
        assertEquals("mode=rewrite symbols written=0 appended=0 calendar days=83 bytes written=13,753 seconds=1.8"
                + " (the changed days' files hold the values gold has: only its records of them were rewritten)",
                new GoldResult(0, 0, 83, 13_753, 1.8, "rewrite").oneLine());
        assertEquals("mode=rewrite symbols written=2 appended=0 calendar days=83 bytes written=13,753 seconds=1.8",
                new GoldResult(2, 0, 83, 13_753, 1.8, "rewrite").oneLine());
        assertTrue(new GoldResult(0, 0, 83, 0, 0.1, "noop").oneLine().endsWith("seconds=0.1"));
    }
}
