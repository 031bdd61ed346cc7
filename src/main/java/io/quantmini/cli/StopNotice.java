package io.quantmini.cli;

import java.io.PrintWriter;

/**
 * While a command that writes the lake without Camel runs (transform, convert), a stop by signal says so on stderr
 * instead of ending the process in silence: every file it wrote is whole (written atomically), and the next run
 * redoes what was left. Closed when the command ends on its own.
 */
final class StopNotice implements AutoCloseable {

    private final Thread hook;

    StopNotice(String what, PrintWriter err) {
        hook = new Thread(() -> {
            err.println("quantmini: " + what + " stopped by a signal: what it wrote is whole, and the next run does"
                    + " the rest");
            err.flush();
        }, "stop-notice");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the notice is being printed
        }
    }
}
