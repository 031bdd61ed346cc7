package io.quantmini.cli;

import java.io.PrintWriter;

/**
 * While a command that writes the lake without Camel runs (transform, convert), a stop by signal says so on stderr
 * instead of ending the process in silence: the stages leave the lake readable, as before or with part of the work
 * done, and the next run does the rest. Closed when the command ends on its own.
 */
final class StopNotice implements AutoCloseable {

    private final Thread hook;

    StopNotice(String what, PrintWriter err) {
        hook = new Thread(() -> {
            err.println("quantmini: " + what + " stopped by a signal: the lake stays readable, and the next run does"
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
