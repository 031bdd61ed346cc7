package io.quantmini.landing;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Another process, for tests: takes a file lock, says so on stdout, holds it for a while, then ends. */
public final class HoldLock {

    private HoldLock() {
    }

    /** @param args the lock file, and how long to hold it in milliseconds */
    public static void main(String[] args) throws Exception {
        try (FileChannel file = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = file.lock()) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
        }
    }
}
