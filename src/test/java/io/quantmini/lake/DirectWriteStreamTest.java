package io.quantmini.lake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DirectWriteStreamTest {

    private static final int BUFFER = DirectWriteStream.BUFFER_BYTES;

    @TempDir
    Path dir;

    @Test
    void filesOfEveryLengthAroundBlocksAndBuffersHoldExactlyTheirBytes() throws IOException {
        int[] lengths = {0, 1, 511, 4095, 4096, 4097, BUFFER - 1, BUFFER, BUFFER + 1, 3 * BUFFER + 12_345};
        Random random = new Random(3);
        for (boolean tryDirect : new boolean[]{true, false}) {
            for (int length : lengths) {
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                Path file = dir.resolve("f-" + tryDirect + "-" + length);
                DirectWriteStream stream = DirectWriteStream.create(file, tryDirect);
                try (DirectWriteStream out = stream) {
                    // single bytes, short runs and long runs, crossing the buffer's end at odd offsets
                    int at = 0;
                    int step = 1;
                    while (at < length) {
                        int n = Math.min(step, length - at);
                        if (n == 1) {
                            out.write(bytes[at]);
                        } else {
                            out.write(bytes, at, n);
                        }
                        at += n;
                        step = step * 7 % 200_003 + 1;
                        assertEquals(at, out.getPos());
                    }
                }
                if (!tryDirect || length <= BUFFER) {
                    assertFalse(stream.isDirect(), "a file that fits the buffer is one ordinary write: " + file);
                }
                assertEquals(length, Files.size(file), file.toString());
                assertArrayEquals(bytes, Files.readAllBytes(file), file.toString());
            }
        }
    }

    @Test
    void rewritingAFileReplacesItsBytesAndAStreamInsideAStreamKeepsItsOwnBuffer() throws IOException {
        Path outer = dir.resolve("outer");
        Path inner = dir.resolve("inner");
        Files.write(outer, new byte[3 * BUFFER]); // longer than what replaces it
        byte[] a = new byte[BUFFER + 100];
        byte[] b = new byte[5000];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        try (DirectWriteStream first = DirectWriteStream.create(outer)) {
            first.write(a, 0, 100);
            try (DirectWriteStream second = DirectWriteStream.create(inner)) {
                second.write(b);
            }
            first.write(a, 100, a.length - 100);
        }
        assertArrayEquals(a, Files.readAllBytes(outer));
        assertArrayEquals(b, Files.readAllBytes(inner));
    }

    /** A discarded stream keeps what it had written out, drops its buffer, and closes: close() then adds nothing. */
    @Test
    void aDiscardedStreamWritesNoMore() throws IOException {
        Path file = dir.resolve("discarded");
        DirectOutputFile output = new DirectOutputFile(file);
        var out = output.createOrOverwrite(0);
        out.write(new byte[BUFFER + 100]); // one buffer's worth goes to the file, 100 bytes stay buffered
        output.discard();
        assertThrows(IOException.class, () -> out.write(1));
        out.close();
        assertEquals(BUFFER, Files.size(file));
    }

    @Test
    void aFailedWriteNamesTheFile() {
        Path full = Path.of("/dev/full"); // Linux: every write fails with "No space left on device"
        assumeTrue(Files.isWritable(full), "needs /dev/full");
        IOException small = assertThrows(IOException.class, () -> {
            try (DirectWriteStream out = DirectWriteStream.create(full)) {
                out.write(new byte[100]);
            }
        });
        assertTrue(small.getMessage().startsWith("cannot write /dev/full: "), small.getMessage());
        IOException large = assertThrows(IOException.class, () -> {
            try (DirectWriteStream out = DirectWriteStream.create(full)) {
                out.write(new byte[BUFFER + 1]);
            }
        });
        assertTrue(large.getMessage().startsWith("cannot write /dev/full: "), large.getMessage());
    }

    @Test
    void parquetsOutputFileCreateRefusesAnExistingFileAndOverwriteReplacesIt() throws IOException {
        Path file = dir.resolve("day.parquet");
        Files.write(file, new byte[]{9, 9, 9, 9});
        DirectOutputFile output = new DirectOutputFile(file);
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> output.create(0));
        try (var out = output.createOrOverwrite(0)) {
            out.write(new byte[]{1, 2});
            assertEquals(2, out.getPos());
        }
        assertArrayEquals(new byte[]{1, 2}, Files.readAllBytes(file));
    }

    @Test
    void aClosedStreamRefusesWritesAndClosingAgainChangesNothing() throws IOException {
        Path file = dir.resolve("closed");
        DirectWriteStream out = DirectWriteStream.create(file);
        out.write(new byte[]{1, 2, 3});
        out.close();
        out.close();
        IOException e = assertThrows(IOException.class, () -> out.write(4));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertThrows(IOException.class, () -> out.write(new byte[10], 0, 10));
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(file));
    }

    @Test
    void largeByteWritesThroughAtomicFilesLandWhole() throws IOException {
        byte[] page = new byte[BUFFER + 777];
        new Random(5).nextBytes(page);
        Path target = dir.resolve("landing/page.json");
        AtomicFiles.write(target, page);
        assertArrayEquals(page, Files.readAllBytes(target));
        try (var left = Files.list(target.getParent())) {
            assertTrue(left.allMatch(target::equals), "no temp file left beside the target");
        }
    }
}
