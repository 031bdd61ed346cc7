package io.quantmini.lake;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A local file for parquet's writers, written through {@link DirectWriteStream}: parquet's {@code LocalOutputFile}
 * with direct I/O where the file system allows it.
 *
 * <p>A writer that fails must call {@link #discard}: parquet's {@code ParquetFileWriter.abort()} only marks the
 * writer, and its {@code close()} then skips the stream, so the file's descriptor would stay open.
 */
public final class DirectOutputFile implements OutputFile {

    private final Path path;
    private final List<DirectWriteStream> opened = new ArrayList<>();

    public DirectOutputFile(Path path) {
        this.path = path;
    }

    /** As parquet's contract asks: refuses a path that already exists (the lake's writers overwrite temp files). */
    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(path.toString());
        }
        return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        DirectWriteStream stream = DirectWriteStream.create(path);
        opened.add(stream);
        return stream;
    }

    /** Closes every stream this file handed out, without writing their buffers (the write failed). */
    public void discard() throws IOException {
        IOException failure = null;
        for (DirectWriteStream stream : opened) {
            try {
                stream.discard();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        opened.clear();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return -1;
    }

    @Override
    public String getPath() {
        return path.toString();
    }
}
