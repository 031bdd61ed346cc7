package io.quantmini.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipBodiesTest {

    @Test
    void aBodyServedAgainIsNotCompressedAgain() throws IOException {
        GzipBodies bodies = new GzipBodies(1 << 20);
        byte[] body = json(5_000);

        byte[] first = bodies.gzip(body);
        byte[] again = bodies.gzip(body.clone());

        assertArrayEquals(body, gunzip(first));
        assertTrue(first.length < body.length / 4, "JSON compresses: " + first.length + " of " + body.length);
        assertSame(first, again);
        assertEquals(1, bodies.compressions());
        assertEquals(first.length, bodies.heldBytes());

        byte[] other = json(5_001); // one byte more, another body
        assertArrayEquals(other, gunzip(bodies.gzip(other)));
        assertEquals(2, bodies.compressions());
    }

    @Test
    void theKeptBodiesStayWithinTheBudgetLatestFirst() throws IOException {
        byte[] a = json(20_000);
        byte[] b = json(20_001);
        byte[] c = json(20_002);
        long oneBody = new GzipBodies(1 << 20).gzip(a).length;
        long budget = oneBody * 5 / 2; // room for two of these bodies, not three
        GzipBodies bodies = new GzipBodies(budget);

        bodies.gzip(a);
        bodies.gzip(b);
        bodies.gzip(a); // a is now the latest used
        bodies.gzip(c); // evicts b, the least recently used
        assertTrue(bodies.heldBytes() <= budget, "held " + bodies.heldBytes());
        assertEquals(3, bodies.compressions());

        bodies.gzip(a);
        assertEquals(3, bodies.compressions(), "a was kept");
        assertArrayEquals(b, gunzip(bodies.gzip(b)));
        assertEquals(4, bodies.compressions(), "b was not");
    }

    @Test
    void aBodyLargerThanTheBudgetIsServedButNotKept() throws IOException {
        GzipBodies bodies = new GzipBodies(16);
        byte[] body = json(1_000);
        assertArrayEquals(body, gunzip(bodies.gzip(body)));
        assertEquals(0, bodies.heldBytes());
        bodies.gzip(body);
        assertEquals(2, bodies.compressions());
    }

    /** A Polygon-like page of {@code rows} bars, its size set by the row count. */
    private static byte[] json(int rows) {
        StringBuilder out = new StringBuilder("{\"status\":\"OK\",\"results\":[");
        for (int i = 0; i < rows; i++) {
            out.append(i == 0 ? "" : ",").append("{\"T\":\"T").append(i).append("\",\"c\":").append(10 + i % 97)
                    .append(".25,\"v\":").append(1000 + i).append('}');
        }
        return out.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}
