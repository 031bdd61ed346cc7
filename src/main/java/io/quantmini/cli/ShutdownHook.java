package io.quantmini.cli;

/**
 * A JVM shutdown hook held while a command runs: a signal (SIGTERM, Ctrl-C) runs it; {@link #close} removes it when
 * the command ends on its own.
 */
final class ShutdownHook implements AutoCloseable {

    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    static ShutdownHook register(String name, Runnable onSignal) {
        Thread thread = new Thread(onSignal, name);
        Runtime.getRuntime().addShutdownHook(thread);
        return new ShutdownHook(thread);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the hook is running
        }
    }

    /** Whether the JVM is stopping: its shutdown hooks are running or have run, and a halt follows. */
    static boolean jvmStopping() {
        Thread probe = new Thread(() -> { }, "shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
    }

    /** Waits for the stop under way to halt the JVM. */
    static void awaitHalt() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
                // only the halt ends this wait
            }
        }
    }
}
