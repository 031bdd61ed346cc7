package io.quantmini.lake;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A local file for parquet's writers, written through {@link DirectWriteStream}: parquet's {@code LocalOutputFile}
 * with direct I/O where the file system allows it.
 */
public final class DirectOutputFile implements OutputFile {

    private final Path path;

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
        return DirectWriteStream.create(path);
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
