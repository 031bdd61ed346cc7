package io.quantmini.lake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run lock excludes other threads and other processes, and a second ask from this process never releases the
 * first hold: on Linux, closing any channel of a file releases the process's locks on it.
 */
class RunLockTest {

    @TempDir
    Path tmp;

    @Test
    void anotherProcessCannotTakeAHeldLock() throws Exception {
        Path file = tmp.resolve(".stage.lock");
        try (RunLock held = RunLock.acquireQuietly(file)) {
            assertEquals("HELD", probe(file));
        }
        assertEquals("FREE", probe(file));
    }

    @Test
    void theHolderAskingAgainIsRefusedAndKeepsItsLock() throws Exception {
        Path file = tmp.resolve(".stage.lock");
        try (RunLock held = RunLock.acquireQuietly(file)) {
            IllegalStateException again = assertThrows(IllegalStateException.class,
                    () -> RunLock.acquireQuietly(file));
            assertTrue(again.getMessage().contains("already held by this thread"), again.getMessage());
            assertEquals("HELD", probe(file), "the refused ask left the lock with its holder");
        }
    }

    /** A lake reached through a link is the same lake: a run there waits for the run holding the real path's lock. */
    @Test
    void aLinkedSpellingOfTheFileIsTheSameLock() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("lake"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        try (RunLock held = RunLock.acquireQuietly(real.resolve(".stage.lock"))) {
            RunLock other = CompletableFuture.supplyAsync(() -> {
                try {
                    return RunLock.tryAcquire(link.resolve(".stage.lock"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get();
            assertNull(other, "another thread does not get the lock through the link");
            assertEquals("HELD", probe(real.resolve(".stage.lock")));
        }
        try (RunLock after = RunLock.tryAcquire(link.resolve(".stage.lock"))) {
            assertNotNull(after);
        }
    }

    /** Whether another process finds the file locked: "HELD" or "FREE". */
    private static String probe(Path file) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockProbe.class.getName(), file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), out);
        return out;
    }

    /** Run in another JVM: tries the file's lock once and says what it found. */
    public static final class LockProbe {
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Paths.get(args[0]), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                System.out.println(lock == null ? "HELD" : "FREE");
            }
        }
    }
}
