package io.quantmini.lake;

import com.sun.nio.file.ExtendedOpenOption;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes one file from start to end through a 2 MiB buffer. A file that outgrows the buffer is written with direct
 * I/O ({@code O_DIRECT}: from the buffer to the device, around the page cache) where the file system allows it; a
 * smaller one, or one on a file system that refuses direct I/O (an older tmpfs; a platform without it), with one
 * ordinary write when it is closed. The file is opened at the first write to it, so it exists once the buffer has
 * filled or the stream is closed.
 *
 * <p>Why: measured on the 2-core VM the benchmarks run on, a sustained stream of buffered writes cost ~3.8 ns of
 * kernel CPU per byte (page cache, then writeback in the writer's time) and direct writes ~0.4 ns; a full silver
 * build writes 6 GB in 5 MB day files. For files of a megabyte or less, buffered writes were as cheap in CPU and
 * quicker (the page cache absorbs them; a direct write waits for the device), hence the size cut.
 *
 * <p>Direct I/O wants the buffer's address, each write's offset and its length aligned to the file system's block
 * size: the buffer is aligned, every write but the last is the whole buffer, and the last is padded with zeros to a
 * block, the file then truncated to its real length. A run killed before {@link #close()} leaves a temp file that
 * {@link AtomicFiles} sweeps, as for any writer. One thread at a time per stream. A parquet
 * {@link PositionOutputStream}, so parquet's file writer writes through it directly ({@link DirectOutputFile}).
 */
public final class DirectWriteStream extends PositionOutputStream {

    /** Files larger than this are written with direct I/O. */
    public static final int BUFFER_BYTES = 2 << 20;
    /** Alignment of the buffer's address: a multiple of any power-of-two block size up to 64 KiB. */
    private static final int ADDRESS_ALIGNMENT = 1 << 16;
    /**
     * Idle buffers, shared by all threads: a stream takes one (or allocates one) and gives it back on close. At most
     * {@link #IDLE_LIMIT} are kept, so a burst of concurrent writers (the fetch threads of an ingest) leaves no more
     * than that much direct memory behind.
     */
    private static final ConcurrentLinkedQueue<ByteBuffer> IDLE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger IDLE_COUNT = new AtomicInteger();
    private static final int IDLE_LIMIT = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    /** Block size per folder: looking up a file store reads the mount table, so once per folder. */
    private static final Map<Path, Integer> BLOCK_SIZES = new ConcurrentHashMap<>();

    private final Path file;
    private final boolean tryDirect;
    private final ByteBuffer buffer;
    private FileChannel channel;
    private boolean direct;
    private int blockSize = 1;
    private long position;
    private boolean closed;

    private DirectWriteStream(Path file, boolean tryDirect) {
        this.file = file;
        this.tryDirect = tryDirect;
        ByteBuffer idle = IDLE.poll();
        if (idle != null) {
            IDLE_COUNT.decrementAndGet();
        }
        this.buffer = idle != null ? idle
                : ByteBuffer.allocateDirect(BUFFER_BYTES + 2 * ADDRESS_ALIGNMENT).alignedSlice(ADDRESS_ALIGNMENT);
        this.buffer.clear().limit(BUFFER_BYTES);
    }

    /** A stream that creates {@code file} (or replaces its content) with what is written to it. */
    public static DirectWriteStream create(Path file) {
        return create(file, true);
    }

    /** {@code tryDirect = false} never uses direct I/O (tests compare the two paths). */
    static DirectWriteStream create(Path file, boolean tryDirect) {
        return new DirectWriteStream(Objects.requireNonNull(file, "file"), tryDirect);
    }

    /** Bytes written so far (what the file will hold if closed now). */
    @Override
    public long getPos() {
        return position;
    }

    /** Whether the bytes went around the page cache (known once the buffer has filled). */
    boolean isDirect() {
        return direct;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (!buffer.hasRemaining()) {
            drain();
        }
        buffer.put((byte) b);
        position++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        while (length > 0) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int n = Math.min(length, buffer.remaining());
            buffer.put(bytes, offset, n);
            offset += n;
            length -= n;
            position += n;
        }
    }

    /** Nothing: only a full buffer, or the end of the file, can be written with direct I/O. */
    @Override
    public void flush() {
    }

    /**
     * Closes the file without writing what the buffer still holds: for a failed write whose file is about to be
     * removed. Nothing is written after this, and {@link #close} does nothing.
     */
    public void discard() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel == null) {
                channel = open(false);
            }
            try (FileChannel out = channel) {
                int tail = buffer.position();
                int padded = (tail + blockSize - 1) / blockSize * blockSize;
                buffer.limit(padded);
                while (buffer.position() < padded) {
                    buffer.put((byte) 0);
                }
                writeBuffer(out);
                if (padded != tail) {
                    out.truncate(position);
                }
            }
        } finally {
            if (IDLE_COUNT.incrementAndGet() <= IDLE_LIMIT) {
                IDLE.offer(buffer);
            } else {
                IDLE_COUNT.decrementAndGet(); // left to the collector
            }
        }
    }

    /** After close the buffer belongs to the pool (another stream may be filling it). */
    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed: " + file);
        }
    }

    /** Writes the full buffer: the file is larger than it, so direct I/O is worth it from here on. */
    private void drain() throws IOException {
        if (channel == null) {
            channel = open(tryDirect);
        }
        writeBuffer(channel);
        buffer.limit(BUFFER_BYTES);
    }

    private void writeBuffer(FileChannel out) throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            // the channel's own message names no file (e.g. "No space left on device")
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        buffer.clear();
    }

    private FileChannel open(boolean wantDirect) throws IOException {
        if (wantDirect) {
            int size = blockSize(file);
            if (size > 0 && BUFFER_BYTES % size == 0 && ADDRESS_ALIGNMENT % size == 0) {
                try {
                    FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING, ExtendedOpenOption.DIRECT);
                    direct = true;
                    blockSize = size;
                    return opened;
                } catch (UnsupportedOperationException | IOException refused) {
                    // no direct I/O here: the ordinary path below
                }
            }
        }
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static int blockSize(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        return BLOCK_SIZES.computeIfAbsent(folder, f -> {
            try {
                long size = Files.getFileStore(f).getBlockSize();
                return size > 0 && size <= Integer.MAX_VALUE && Long.bitCount(size) == 1 ? (int) size : -1;
            } catch (IOException | UnsupportedOperationException e) {
                return -1;
            }
        });
    }
}
