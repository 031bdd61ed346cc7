package io.quantmini;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** What a logger says while an action runs, as formatted messages: for tests of what a run says. */
public final class LogCapture {

    /** An action that may throw anything. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private LogCapture() {
    }

    /** What {@code logger} logs at WARN or above while the action runs. */
    public static List<String> warnings(Class<?> logger, Action action) throws Exception {
        return messages(logger.getName(), Level.WARN, action);
    }

    /** What {@code logger} logs at any level while the action runs. */
    public static List<String> messages(Class<?> logger, Action action) throws Exception {
        return messages(logger.getName(), Level.ALL, action);
    }

    /** What the logger named {@code logger} logs at {@code atLeast} or above while the action runs. */
    public static List<String> messages(String logger, Level atLeast, Action action) throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(logger);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try {
            action.run();
        } finally {
            log.detachAppender(events);
        }
        return events.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(atLeast))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
