package io.quantmini.lake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What tells one version of a lake file from another without reading it, for the caches that keep what was read of a
 * day file ({@link DayFileCache}, silver's index of bronze tickers): its size, modification time, status change time
 * (nanoseconds; 0 where the file system has no Unix attributes) and file key (device and inode; empty where there is
 * none). Lake writes rename a new file over the old one ({@link AtomicFiles}), which gives it another inode and change
 * time even when size and modification time match; and the change time cannot be set back as the modification time
 * can ({@code touch -d}, {@code cp -p}, {@code rsync -t} over other bytes).
 */
public record FileStamp(long size, long modifiedNanos, long changedNanos, String key) {

    /** The stamp of {@code file} now. */
    public static FileStamp of(Path file) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,fileKey");
            return new FileStamp((Long) unix.get("size"), nanos(unix.get("lastModifiedTime")),
                    nanos(unix.get("ctime")), String.valueOf(unix.get("fileKey")));
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(basic.size(), nanos(basic.lastModifiedTime()), 0,
                    basic.fileKey() == null ? "" : basic.fileKey().toString());
        }
    }

    public FileTime modified() {
        return FileTime.from(modifiedNanos, TimeUnit.NANOSECONDS);
    }

    /** The same as a file system without change times or file keys would give it. */
    public FileStamp withoutChangeTimeOrKey() {
        return new FileStamp(size, modifiedNanos, 0, "");
    }

    /** {@code size@modified:changed#key}: the stamp as one string, as a cache file keeps it. */
    public String text() {
        return size + "@" + modifiedNanos + ":" + changedNanos + "#" + key;
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }
}
