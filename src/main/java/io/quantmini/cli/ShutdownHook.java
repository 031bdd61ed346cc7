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
}
