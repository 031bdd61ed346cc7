package io.quantmini.cli;

import java.io.PrintWriter;

/**
 * While a command that writes the lake without Camel runs (transform, convert), a stop by signal says so on stderr
 * instead of ending the process in silence: the stages leave the lake readable, as before or with part of the work
 * done, and the next run does the rest. Closed when the command ends on its own.
 */
final class StopNotice {

    private StopNotice() {
    }

    static ShutdownHook register(String what, PrintWriter err) {
        return ShutdownHook.register("stop-notice", () -> {
            err.println("quantmini: " + what + " stopped by a signal: the lake stays readable, and the next run does"
                    + " the rest");
            err.flush();
        });
    }
}
