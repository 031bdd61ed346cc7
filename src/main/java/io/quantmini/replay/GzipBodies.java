package io.quantmini.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Response bodies in gzip, as Polygon sends them to a client that accepts it. Level 1: nginx's default
 * {@code gzip_comp_level} (Polygon answers from nginx), and the cheapest for the fake Polygon.
 *
 * <p>A replay server serves the same captured bodies again and again: the latest compressed bodies are kept, up to
 * a budget of bytes, by their content (length and two CRCs), so that a body served again is not compressed again.
 * The benchmark relies on it: it asks for every day once before it starts the clock, so that what it times is our
 * client, not the fake Polygon compressing on the same cores.
 */
final class GzipBodies {

    /**
     * Enough for the ingest benchmark's market (250 grouped days of 10,000 tickers: ~90 MB of gzip), and at most a
     * quarter of the heap, so that a {@code replay serve} on a small machine keeps room for the bodies in flight.
     */
    static long defaultBudgetBytes() {
        return Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
    }

    private record Content(int length, long crc32, long crc32c) {
        static Content of(byte[] body) {
            CRC32 crc32 = new CRC32();
            crc32.update(body);
            CRC32C crc32c = new CRC32C();
            crc32c.update(body);
            return new Content(body.length, crc32.getValue(), crc32c.getValue());
        }
    }

    private final long budgetBytes;
    private final Map<Content, byte[]> latest = new LinkedHashMap<>(16, 0.75f, true);
    private long heldBytes;
    private long compressions;

    GzipBodies(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** {@code body} in gzip. */
    byte[] gzip(byte[] body) {
        Content content = Content.of(body);
        synchronized (this) {
            byte[] kept = latest.get(content);
            if (kept != null) {
                return kept;
            }
        }
        byte[] compressed = compress(body); // outside the lock: other bodies are served meanwhile
        synchronized (this) {
            compressions++;
            if (compressed.length <= budgetBytes && latest.put(content, compressed) == null) {
                heldBytes += compressed.length;
                var eldest = latest.entrySet().iterator();
                while (heldBytes > budgetBytes) {
                    heldBytes -= eldest.next().getValue().length;
                    eldest.remove();
                }
            }
        }
        return compressed;
    }

    /** Bodies compressed so far (a body served again from the kept ones is not counted again). */
    synchronized long compressions() {
        return compressions;
    }

    /** Bytes of gzip kept. */
    synchronized long heldBytes() {
        return heldBytes;
    }

    private static byte[] compress(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gzip = new FastGzipOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    /** {@link GZIPOutputStream} sets its level only through its protected deflater. */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(ByteArrayOutputStream out) throws IOException {
            super(out, 64 << 10);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
