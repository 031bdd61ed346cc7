package io.quantmini.app;

import io.quantmini.text.Plural;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Date;

/**
 * Says when a schedule's firing starts late, the first step of a quartz route. A firing waits while the previous run
 * of its route is still going ({@code stateful: true}), and none fires while the machine sleeps (a laptop's launchd
 * agent); Quartz then runs the firings it missed once, as soon as it can. The run's window covers their days (it
 * starts after the lake's last day), but without this line the log shows a run at an odd hour, or one run where the
 * cron has several.
 */
public final class LateFirings {

    private static final Logger LOG = LoggerFactory.getLogger(LateFirings.class);
    /** A firing later than this is said: Quartz itself fires up to a few seconds late on a busy machine. */
    static final Duration SAID_FROM = Duration.ofMinutes(1);
    /** At most this many missed firings are counted (a cron firing every second, say, after a week asleep). */
    private static final int MAX_COUNTED = 10_000;

    /** The headers camel-quartz copies from Quartz's execution context; an exchange without them is not a firing. */
    public void started(Exchange exchange) {
        Message firing = exchange.getIn();
        Date fired = firing.getHeader("fireTime", Date.class);
        Date scheduled = firing.getHeader("scheduledFireTime", Date.class);
        Date previous = firing.getHeader("previousFireTime", Date.class);
        Trigger trigger = firing.getHeader("trigger", Trigger.class);
        if (fired == null || scheduled == null) {
            return;
        }
        // A firing Quartz found missed is rescheduled to "now" before it runs: its due time is the first cron time
        // after the previous firing, when that is earlier.
        Date firstMissed = previous == null || trigger == null ? null : trigger.getFireTimeAfter(previous);
        boolean missed = firstMissed != null && firstMissed.before(scheduled);
        Date due = missed ? firstMissed : scheduled;
        Duration late = Duration.between(due.toInstant(), fired.toInstant());
        if (late.compareTo(SAID_FROM) < 0) {
            return;
        }
        int runsDue = missed ? runsDue(trigger, due, fired) : 1;
        LOG.warn("schedule {}: the run due {} started {}, {} late (the previous run was still going, or the process or"
                        + " the machine was paused, asleep say){}", exchange.getFromRouteId(), due.toInstant(),
                fired.toInstant(), inWords(late), runsDue > 1 ? "; it stands for the " + runsDue + " runs due by then"
                        + " (Quartz runs missed firings once; the window covers their days)" : "");
    }

    /** How many of the trigger's times fall from {@code due} to {@code fired}, {@code due} included. */
    private static int runsDue(Trigger trigger, Date due, Date fired) {
        int runs = 1;
        for (Date next = trigger.getFireTimeAfter(due); next != null && !next.after(fired) && runs < MAX_COUNTED;
             next = trigger.getFireTimeAfter(next)) {
            runs++;
        }
        return runs;
    }

    /** {@code 3 min}, {@code 2 h 5 min}, {@code 3 days 2 h}: a lateness read at a glance. */
    static String inWords(Duration late) {
        long minutes = late.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 24 * 60) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return Plural.of(minutes / (24 * 60), "day") + " " + minutes % (24 * 60) / 60 + " h";
    }
}
