package io.quantmini.silver;

import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A Parquet file read whole into memory (a bronze day is a few hundred KB). Copying column chunks through
 * {@code LocalInputFile}'s unbuffered stream reads page headers a byte per system call; from memory it is a copy.
 * Every stream sees the bytes read once, so everything built from one instance sees one version of the file.
 */
final class BytesInputFile implements InputFile {

    private final byte[] bytes;

    private BytesInputFile(byte[] bytes) {
        this.bytes = bytes;
    }

    static BytesInputFile read(Path file) throws IOException {
        return new BytesInputFile(Files.readAllBytes(file));
    }

    /** CRC-32C of the bytes: tells whether two reads of a file saw the same version of it. */
    long checksum() {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    @Override
    public long getLength() {
        return bytes.length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new Stream();
    }

    private final class Stream extends SeekableInputStream {
        private int pos;

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0 || newPos > bytes.length) {
                throw new EOFException("seek to " + newPos + " in " + bytes.length + " bytes");
            }
            pos = (int) newPos;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, bytes.length - pos);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(bytes, pos, into, off, n);
            pos += n;
            return n;
        }

        @Override
        public void readFully(byte[] into) throws IOException {
            readFully(into, 0, into.length);
        }

        @Override
        public void readFully(byte[] into, int off, int len) throws IOException {
            if (len > bytes.length - pos) {
                throw new EOFException("read of " + len + " at " + pos + " in " + bytes.length + " bytes");
            }
            System.arraycopy(bytes, pos, into, off, len);
            pos += len;
        }

        @Override
        public int read(ByteBuffer into) {
            int n = Math.min(into.remaining(), bytes.length - pos);
            if (n <= 0) {
                return into.hasRemaining() ? -1 : 0;
            }
            into.put(bytes, pos, n);
            pos += n;
            return n;
        }

        @Override
        public void readFully(ByteBuffer into) throws IOException {
            if (into.remaining() > bytes.length - pos) {
                throw new EOFException("read of " + into.remaining() + " at " + pos + " in " + bytes.length + " bytes");
            }
            read(into);
        }
    }
}
